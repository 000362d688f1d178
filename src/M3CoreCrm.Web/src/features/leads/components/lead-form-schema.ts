import { z } from 'zod';
import type { CreateLeadRequest, LeadSource } from '../api/lead-types';

const money = z
  .string()
  .trim()
  .refine((value) => value === '' || (/^\d{1,16}(\.\d{1,2})?$/.test(value) && Number(value) >= 0), 'leads.form.errors.money');

/** The create form's values: strings as typed; `toCreateRequest` turns them into the API's shape. */
export const leadFormSchema = z
  .object({
    firstName: z.string().trim().min(1, 'leads.form.errors.firstNameRequired').max(100, 'leads.form.errors.tooLong'),
    lastName: z.string().trim().max(100, 'leads.form.errors.tooLong'),
    email: z
      .string()
      .trim()
      .max(254, 'leads.form.errors.tooLong')
      .refine((value) => value === '' || z.email().safeParse(value).success, 'leads.form.errors.email'),
    phone: z
      .string()
      .trim()
      .refine((value) => value === '' || /^\+[\d\s().-]{6,31}$/.test(value), 'leads.form.errors.phone'),
    source: z.string(),
    budget: z.object({
      min: money,
      max: money,
      currency: z
        .string()
        .trim()
        .refine((value) => value === '' || /^[A-Za-z]{3}$/.test(value), 'leads.form.errors.currency'),
    }),
    interest: z.object({
      unitType: z.string().trim().max(50, 'leads.form.errors.tooLong'),
      bedrooms: z
        .string()
        .trim()
        .refine((value) => value === '' || (/^\d{1,2}$/.test(value) && Number(value) <= 50), 'leads.form.errors.bedrooms'),
    }),
    notes: z.string().max(4000, 'leads.form.errors.tooLong'),
    tags: z.string(),
    ownerId: z.string(),
  })
  .refine((value) => value.email !== '' || value.phone !== '', { path: ['email'], message: 'leads.form.errors.contactRequired' })
  .refine((value) => value.budget.min === '' || value.budget.max === '' || Number(value.budget.min) <= Number(value.budget.max), {
    path: ['budget', 'max'],
    message: 'leads.form.errors.budgetOrder',
  });

export type LeadFormValues = z.infer<typeof leadFormSchema>;

/** Every field path of the form, for mapping the API's field errors (`budget.min`, `tags[1]`) onto inputs. */
export const leadFormFields = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'source',
  'budget.min',
  'budget.max',
  'budget.currency',
  'interest.unitType',
  'interest.bedrooms',
  'notes',
  'tags',
  'ownerId',
] as const;

export type LeadFormField = (typeof leadFormFields)[number];

export const emptyLeadForm: LeadFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  source: '',
  budget: { min: '', max: '', currency: '' },
  interest: { unitType: '', bedrooms: '' },
  notes: '',
  tags: '',
  ownerId: '',
};

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function toCreateRequest(values: LeadFormValues, defaultCurrency: string): CreateLeadRequest {
  const hasBudget = values.budget.min !== '' || values.budget.max !== '';
  const hasInterest = values.interest.unitType !== '' || values.interest.bedrooms !== '';
  const tags = values.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return {
    firstName: values.firstName.trim(),
    lastName: orNull(values.lastName),
    email: orNull(values.email),
    phone: orNull(values.phone),
    source: values.source === '' ? null : (values.source as LeadSource),
    budget: hasBudget
      ? {
          min: values.budget.min === '' ? null : Number(values.budget.min),
          max: values.budget.max === '' ? null : Number(values.budget.max),
          currency: (orNull(values.budget.currency) ?? defaultCurrency).toUpperCase(),
        }
      : null,
    interest: hasInterest
      ? {
          unitType: orNull(values.interest.unitType),
          bedrooms: values.interest.bedrooms === '' ? null : Number(values.interest.bedrooms),
        }
      : null,
    notes: orNull(values.notes),
    tags: tags.length > 0 ? tags : null,
    ownerId: orNull(values.ownerId),
  };
}
