import { z } from 'zod';
import type { CompanyInput, ContactInput } from '../api/contact-types';

const optionalEmail = z
  .string()
  .trim()
  .max(254, 'leads.form.errors.tooLong')
  .refine((value) => value === '' || z.email().safeParse(value).success, 'leads.form.errors.email');
const optionalPhone = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\+[\d\s().-]{6,31}$/.test(value), 'leads.form.errors.phone');

const splitTags = (value: string) =>
  value
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The new contact form: strings as typed; `toContactInput` turns them into the API's shape. */
export const contactFormSchema = z.object({
  firstName: z.string().trim().min(1, 'leads.form.errors.firstNameRequired').max(100, 'leads.form.errors.tooLong'),
  lastName: z.string().trim().max(100, 'leads.form.errors.tooLong'),
  email: optionalEmail,
  phone: optionalPhone,
  companyId: z.string(),
  ownerId: z.string(),
  tags: z.string(),
});
export type ContactFormValues = z.infer<typeof contactFormSchema>;
export const emptyContactForm: ContactFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  companyId: '',
  ownerId: '',
  tags: '',
};
/** The form's fields as the API names them (`emails[0].address` belongs to `emails`, shown on Email). */
export const contactFormFields = ['firstName', 'lastName', 'emails', 'phones', 'companyId', 'ownerId', 'tags'] as const;

export function toContactInput(values: ContactFormValues): ContactInput {
  const email = orNull(values.email);
  const phone = orNull(values.phone);
  return {
    firstName: values.firstName.trim(),
    lastName: orNull(values.lastName),
    emails: email ? [{ address: email, label: 'work', isPrimary: true }] : [],
    phones: phone ? [{ number: phone, label: 'mobile', isPrimary: true }] : [],
    companyId: values.companyId || null,
    ownerId: values.ownerId || null,
    tags: splitTags(values.tags),
  };
}

export const companyFormSchema = z.object({
  name: z.string().trim().min(1, 'companies.form.errors.nameRequired').max(200, 'leads.form.errors.tooLong'),
  domain: z
    .string()
    .trim()
    .max(253, 'leads.form.errors.tooLong')
    .refine((value) => value === '' || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value), 'companies.form.errors.domain'),
  industry: z.string().trim().max(100, 'leads.form.errors.tooLong'),
  phone: optionalPhone,
  ownerId: z.string(),
  tags: z.string(),
});
export type CompanyFormValues = z.infer<typeof companyFormSchema>;
export const emptyCompanyForm: CompanyFormValues = { name: '', domain: '', industry: '', phone: '', ownerId: '', tags: '' };
export const companyFormFields = ['name', 'domain', 'industry', 'phone', 'ownerId', 'tags'] as const;

export function toCompanyInput(values: CompanyFormValues): CompanyInput {
  return {
    name: values.name.trim(),
    domain: orNull(values.domain),
    industry: orNull(values.industry),
    phone: orNull(values.phone),
    ownerId: values.ownerId || null,
    tags: splitTags(values.tags),
  };
}
