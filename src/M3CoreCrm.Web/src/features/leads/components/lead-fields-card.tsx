import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditableFieldList, type EditableField } from '@/components/ui/editable-field-list';
import { useNotify } from '@/components/ui/use-notify';
import { isApiProblem } from '@/lib/api/problem';
import { useFormat } from '@/lib/format/use-format';
import { mapServerErrors } from '@/lib/forms/server-errors';
import type { Lead, LeadEdit, LeadSource } from '../api/lead-types';
import { leadSources } from '../api/lead-types';

export interface LeadFieldsCardProps {
  lead: Lead;
  readOnly: boolean;
  /** Sends a merge patch with the page's ETag; rejects with the ApiProblem. */
  save(patch: Partial<LeadEdit>): Promise<unknown>;
  /** Closes open editors when it changes (a conflict was resolved). */
  resetKey: unknown;
}

const editable = ['firstName', 'lastName', 'email', 'phone', 'source', 'budget', 'interest', 'notes', 'tags'] as const;

/** The lead's fields, each edited in place and saved on its own (a JSON merge patch of that field). */
export function LeadFieldsCard({ lead, readOnly, save, resetKey }: LeadFieldsCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});

  const saveField = (field: string, patch: Partial<LeadEdit>) => async () => {
    setErrors((current) => ({ ...current, [field]: undefined }));
    try {
      await save(patch);
    } catch (error) {
      if (isApiProblem(error) && error.status === 400) {
        const mapped = mapServerErrors(error, editable);
        const messages = [...Object.values(mapped.fields), ...mapped.other].filter(Boolean);
        setErrors((current) => ({ ...current, [field]: messages.join(' ') }));
      } else if (!(isApiProblem(error) && error.status === 412)) {
        notify.problem(error);
      }
      throw error;
    }
  };

  const text = (
    field: 'firstName' | 'lastName' | 'email' | 'phone' | 'notes',
    type: 'text' | 'email' | 'tel' | 'textarea' = 'text',
  ): EditableField => ({
    id: field,
    label: t(`leads.fields.${field}`),
    value: lead[field] ?? '',
    type,
    ltr: type === 'email' || type === 'tel',
    onSave: (value) => saveField(field, { [field]: value.trim() === '' ? null : value.trim() })(),
  });

  const budget = lead.budget;
  const interest = lead.interest;
  const fields: EditableField[] = [
    text('firstName'),
    text('lastName'),
    text('email', 'email'),
    text('phone', 'tel'),
    {
      id: 'source',
      label: <label htmlFor="lead-source">{t('leads.fields.source')}</label>,
      control: (
        <>
          <select
            id="lead-source"
            className="select"
            value={lead.source}
            disabled={readOnly}
            onChange={(event) => void saveField('source', { source: event.target.value as LeadSource })().catch(() => undefined)}
          >
            {leadSources.map((source) => (
              <option key={source} value={source}>
                {t(`leads.source.${source}`)}
              </option>
            ))}
          </select>
          {errors.source && <span className="field__error">{errors.source}</span>}
        </>
      ),
    },
    {
      id: 'budgetMin',
      label: t('leads.fields.budgetMin'),
      value: budget?.min?.toString() ?? '',
      display: budget?.min != null ? format.money(budget.min, budget.currency) : undefined,
      type: 'number',
      ltr: true,
      onSave: (value) =>
        saveField('budgetMin', {
          budget: { min: value === '' ? null : Number(value), currency: budget?.currency ?? null, max: budget?.max ?? null },
        })(),
    },
    {
      id: 'budgetMax',
      label: t('leads.fields.budgetMax'),
      value: budget?.max?.toString() ?? '',
      display: budget?.max != null ? format.money(budget.max, budget.currency) : undefined,
      type: 'number',
      ltr: true,
      onSave: (value) =>
        saveField('budgetMax', {
          budget: { max: value === '' ? null : Number(value), currency: budget?.currency ?? null, min: budget?.min ?? null },
        })(),
    },
    {
      id: 'currency',
      label: t('leads.fields.currency'),
      value: budget?.currency ?? '',
      ltr: true,
      onSave: (value) =>
        saveField('currency', {
          budget: { currency: value.trim() === '' ? null : value.trim().toUpperCase(), min: budget?.min ?? null, max: budget?.max ?? null },
        })(),
    },
    {
      id: 'unitType',
      label: t('leads.fields.unitType'),
      value: interest?.unitType ?? '',
      onSave: (value) => saveField('unitType', { interest: { ...interest, unitType: value.trim() === '' ? null : value.trim() } })(),
    },
    {
      id: 'bedrooms',
      label: t('leads.fields.bedrooms'),
      value: interest?.bedrooms?.toString() ?? '',
      type: 'number',
      ltr: true,
      onSave: (value) => saveField('bedrooms', { interest: { ...interest, bedrooms: value === '' ? null : Number(value) } })(),
    },
    {
      id: 'tags',
      label: t('leads.fields.tags'),
      value: lead.tags.join(', '),
      display:
        lead.tags.length > 0 ? (
          <span className="tags">
            {lead.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </span>
        ) : undefined,
      onSave: (value) =>
        saveField('tags', {
          tags: value
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        })(),
    },
    text('notes', 'textarea'),
  ];

  return <EditableFieldList title={t('leads.detail.fields')} fields={fields} readOnly={readOnly} errors={errors} resetKey={resetKey} />;
}
