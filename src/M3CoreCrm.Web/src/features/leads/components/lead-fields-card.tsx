import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InlineEditField } from '@/components/ui/inline-edit-field';
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

  const text = (field: 'firstName' | 'lastName' | 'email' | 'phone' | 'notes', type: 'text' | 'email' | 'tel' | 'textarea' = 'text') => (
    <InlineEditField
      resetKey={resetKey}
      label={t(`leads.fields.${field}`)}
      value={lead[field] ?? ''}
      type={type}
      ltr={type === 'email' || type === 'tel'}
      disabled={readOnly}
      error={errors[field]}
      onSave={(value) => saveField(field, { [field]: value.trim() === '' ? null : value.trim() })()}
    />
  );

  const budget = lead.budget;
  return (
    <section className="card" aria-labelledby="lead-fields-title">
      <h2 id="lead-fields-title" className="card__title">
        {t('leads.detail.fields')}
      </h2>
      <dl className="dl">
        <dt>{t('leads.fields.firstName')}</dt>
        <dd>{text('firstName')}</dd>
        <dt>{t('leads.fields.lastName')}</dt>
        <dd>{text('lastName')}</dd>
        <dt>{t('leads.fields.email')}</dt>
        <dd>{text('email', 'email')}</dd>
        <dt>{t('leads.fields.phone')}</dt>
        <dd>{text('phone', 'tel')}</dd>
        <dt>
          <label htmlFor="lead-source">{t('leads.fields.source')}</label>
        </dt>
        <dd>
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
        </dd>
        <dt>{t('leads.fields.budgetMin')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('leads.fields.budgetMin')}
            value={budget?.min?.toString() ?? ''}
            display={budget?.min != null ? format.money(budget.min, budget.currency) : undefined}
            type="number"
            ltr
            disabled={readOnly}
            error={errors.budgetMin}
            onSave={(value) =>
              saveField('budgetMin', {
                budget: {
                  min: value === '' ? null : Number(value),
                  currency: budget?.currency ?? null,
                  max: budget?.max ?? null,
                },
              })()
            }
          />
        </dd>
        <dt>{t('leads.fields.budgetMax')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('leads.fields.budgetMax')}
            value={budget?.max?.toString() ?? ''}
            display={budget?.max != null ? format.money(budget.max, budget.currency) : undefined}
            type="number"
            ltr
            disabled={readOnly}
            error={errors.budgetMax}
            onSave={(value) =>
              saveField('budgetMax', {
                budget: {
                  max: value === '' ? null : Number(value),
                  currency: budget?.currency ?? null,
                  min: budget?.min ?? null,
                },
              })()
            }
          />
        </dd>
        <dt>{t('leads.fields.currency')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('leads.fields.currency')}
            value={budget?.currency ?? ''}
            ltr
            disabled={readOnly}
            error={errors.currency}
            onSave={(value) =>
              saveField('currency', {
                budget: {
                  currency: value.trim() === '' ? null : value.trim().toUpperCase(),
                  min: budget?.min ?? null,
                  max: budget?.max ?? null,
                },
              })()
            }
          />
        </dd>
        <dt>{t('leads.fields.unitType')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('leads.fields.unitType')}
            value={lead.interest?.unitType ?? ''}
            disabled={readOnly}
            error={errors.unitType}
            onSave={(value) =>
              saveField('unitType', { interest: { ...lead.interest, unitType: value.trim() === '' ? null : value.trim() } })()
            }
          />
        </dd>
        <dt>{t('leads.fields.bedrooms')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('leads.fields.bedrooms')}
            value={lead.interest?.bedrooms?.toString() ?? ''}
            type="number"
            ltr
            disabled={readOnly}
            error={errors.bedrooms}
            onSave={(value) => saveField('bedrooms', { interest: { ...lead.interest, bedrooms: value === '' ? null : Number(value) } })()}
          />
        </dd>
        <dt>{t('leads.fields.tags')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('leads.fields.tags')}
            value={lead.tags.join(', ')}
            display={
              lead.tags.length > 0 ? (
                <span className="tags">
                  {lead.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </span>
              ) : undefined
            }
            disabled={readOnly}
            error={errors.tags}
            onSave={(value) =>
              saveField('tags', {
                tags: value
                  .split(',')
                  .map((tag) => tag.trim())
                  .filter(Boolean),
              })()
            }
          />
        </dd>
        <dt>{t('leads.fields.notes')}</dt>
        <dd>{text('notes', 'textarea')}</dd>
      </dl>
    </section>
  );
}
