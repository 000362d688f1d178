import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { RecordPicker } from '@/components/ui/record-picker';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { isApiProblem } from '@/lib/api/problem';
import { useCompanyOptions, useContactOptions, type RecordOption } from '@/lib/directory/use-record-search';
import { mapServerErrors } from '@/lib/forms/server-errors';
import { newIdempotencyKey } from '@/lib/idempotency';
import type { ConvertLeadRequest, ConvertLeadResponse, Lead } from '../api/lead-types';
import { usePipelines } from '../api/use-pipelines';

export interface LeadConvertDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  lead: Lead;
  defaultCurrency: string;
  busy: boolean;
  convert(request: ConvertLeadRequest, idempotencyKey: string): Promise<ConvertLeadResponse>;
  onConverted(result: ConvertLeadResponse): void;
}

const fields = [
  'contact.existingContactId',
  'company.existingCompanyId',
  'company.name',
  'company.domain',
  'company.phone',
  'deal.pipelineId',
  'deal.stageId',
  'deal.title',
  'deal.amount',
  'deal.currency',
] as const;

type Source = 'new' | 'existing';

/**
 * Converts a lead: a new contact or an existing one (searched by name, email or phone), optionally a new or an
 * existing company, optionally a deal in a chosen pipeline and stage.
 */
export function LeadConvertDialog({ open, onOpenChange, lead, defaultCurrency, busy, convert, onConverted }: LeadConvertDialogProps) {
  const { t } = useTranslation();
  const [contactSource, setContactSource] = useState<Source>('new');
  const [existingContact, setExistingContact] = useState<RecordOption | null>(null);
  const [withCompany, setWithCompany] = useState(false);
  const [companySource, setCompanySource] = useState<Source>('new');
  const [existingCompany, setExistingCompany] = useState<RecordOption | null>(null);
  const [company, setCompany] = useState({ name: '', domain: '', phone: '' });
  const [withDeal, setWithDeal] = useState(true);
  const [deal, setDeal] = useState({ pipelineId: '', stageId: '', title: '', amount: '', currency: '' });
  const [error, setError] = useState<unknown>(null);
  // One key per opening of the dialog: a double click or a retry after a timeout converts once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const pipelines = usePipelines(open && withDeal);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setIdempotencyKey(newIdempotencyKey());
    setContactSource('new');
    setExistingContact(null);
    setCompanySource('new');
    setExistingCompany(null);
    setDeal({
      pipelineId: '',
      stageId: '',
      title: lead.fullName,
      amount: lead.budget?.max?.toString() ?? '',
      currency: lead.budget?.currency ?? defaultCurrency,
    });
  }, [open, lead, defaultCurrency]);

  // The tenant's default pipeline and its first open stage are preselected.
  useEffect(() => {
    const list = pipelines.data;
    if (!list || list.length === 0 || deal.pipelineId) return;
    const pipeline = list.find((candidate) => candidate.isDefault) ?? list[0]!;
    const stage = [...pipeline.stages].sort((a, b) => a.position - b.position).find((candidate) => candidate.kind === 'open');
    setDeal((current) => ({ ...current, pipelineId: pipeline.id, stageId: stage?.id ?? '' }));
  }, [pipelines.data, deal.pipelineId]);

  const stages = useMemo(
    () =>
      [...(pipelines.data?.find((pipeline) => pipeline.id === deal.pipelineId)?.stages ?? [])]
        .filter((stage) => stage.kind === 'open')
        .sort((a, b) => a.position - b.position),
    [pipelines.data, deal.pipelineId],
  );
  const fieldErrors = isApiProblem(error) ? mapServerErrors(error, fields).fields : {};

  const submit = async () => {
    setError(null);
    const request: ConvertLeadRequest = {
      contact: contactSource === 'existing' && existingContact ? { existingContactId: existingContact.id } : null,
      company: !withCompany
        ? null
        : companySource === 'existing' && existingCompany
          ? { existingCompanyId: existingCompany.id }
          : { name: company.name.trim(), domain: company.domain.trim() || null, phone: company.phone.trim() || null },
      deal: withDeal
        ? {
            pipelineId: deal.pipelineId || null,
            stageId: deal.stageId || null,
            title: deal.title.trim() || null,
            amount: deal.amount === '' ? null : Number(deal.amount),
            currency: deal.currency.trim().toUpperCase() || null,
          }
        : null,
    };
    try {
      onConverted(await convert(request, idempotencyKey));
      onOpenChange(false);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('leads.convert.title', { name: lead.fullName })}
      description={t('leads.convert.description')}
      wide
    >
      <fieldset className="fieldset">
        <legend>{t('leads.convert.contact')}</legend>
        <SourceChoice
          name="convert-contact"
          value={contactSource}
          onChange={setContactSource}
          newLabel={t('leads.convert.newContact')}
          existingLabel={t('leads.convert.existingContact')}
        />
        {contactSource === 'new' ? (
          <p className="muted">{t('leads.convert.contactText')}</p>
        ) : (
          <RecordPicker
            label={t('leads.convert.pickContact')}
            value={existingContact}
            onChange={setExistingContact}
            useOptions={useContactOptions}
            hint={t('leads.convert.pickHint')}
            error={fieldErrors['contact.existingContactId']}
          />
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>
          <label className="checkbox">
            <input type="checkbox" checked={withCompany} onChange={(event) => setWithCompany(event.target.checked)} />
            {t('leads.convert.withCompany')}
          </label>
        </legend>
        {withCompany && (
          <SourceChoice
            name="convert-company"
            value={companySource}
            onChange={setCompanySource}
            newLabel={t('leads.convert.newCompany')}
            existingLabel={t('leads.convert.existingCompany')}
          />
        )}
        {withCompany && companySource === 'existing' && (
          <RecordPicker
            label={t('leads.convert.pickCompany')}
            value={existingCompany}
            onChange={setExistingCompany}
            useOptions={useCompanyOptions}
            hint={t('leads.convert.pickHint')}
            error={fieldErrors['company.existingCompanyId']}
          />
        )}
        {withCompany && companySource === 'new' && (
          <div className="form-grid">
            <TextField
              label={t('leads.convert.companyName')}
              required
              value={company.name}
              error={fieldErrors['company.name']}
              onChange={(event) => setCompany({ ...company, name: event.target.value })}
            />
            <TextField
              label={t('leads.convert.companyDomain')}
              ltr
              placeholder="example.com"
              value={company.domain}
              error={fieldErrors['company.domain']}
              onChange={(event) => setCompany({ ...company, domain: event.target.value })}
            />
            <TextField
              label={t('leads.convert.companyPhone')}
              type="tel"
              ltr
              value={company.phone}
              error={fieldErrors['company.phone']}
              onChange={(event) => setCompany({ ...company, phone: event.target.value })}
            />
          </div>
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>
          <label className="checkbox">
            <input type="checkbox" checked={withDeal} onChange={(event) => setWithDeal(event.target.checked)} />
            {t('leads.convert.withDeal')}
          </label>
        </legend>
        {withDeal && (
          <div className="form-grid">
            <SelectField
              label={t('leads.convert.pipeline')}
              value={deal.pipelineId}
              error={fieldErrors['deal.pipelineId']}
              onChange={(event) => setDeal({ ...deal, pipelineId: event.target.value, stageId: '' })}
              options={(pipelines.data ?? []).map((pipeline) => ({ value: pipeline.id, label: pipeline.name }))}
              {...(pipelines.isPending ? { placeholder: t('common.loading') } : {})}
            />
            <SelectField
              label={t('leads.convert.stage')}
              value={deal.stageId}
              error={fieldErrors['deal.stageId']}
              placeholder={t('leads.convert.firstStage')}
              onChange={(event) => setDeal({ ...deal, stageId: event.target.value })}
              options={stages.map((stage) => ({ value: stage.id, label: stage.name }))}
            />
            <TextField
              label={t('leads.convert.dealTitle')}
              value={deal.title}
              error={fieldErrors['deal.title']}
              onChange={(event) => setDeal({ ...deal, title: event.target.value })}
            />
            <TextField
              label={t('leads.convert.amount')}
              inputMode="decimal"
              ltr
              value={deal.amount}
              error={fieldErrors['deal.amount']}
              onChange={(event) => setDeal({ ...deal, amount: event.target.value })}
            />
            <TextField
              label={t('leads.fields.currency')}
              maxLength={3}
              ltr
              value={deal.currency}
              error={fieldErrors['deal.currency']}
              onChange={(event) => setDeal({ ...deal, currency: event.target.value })}
            />
          </div>
        )}
        {pipelines.isError && <ProblemAlert error={pipelines.error} />}
      </fieldset>
      {error !== null && !(isApiProblem(error) && error.status === 412) && <ProblemAlert error={error} />}
      <div className="dialog__actions">
        <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
        <Button
          variant="primary"
          busy={busy}
          disabled={
            (contactSource === 'existing' && !existingContact) ||
            (withCompany && (companySource === 'existing' ? !existingCompany : company.name.trim() === ''))
          }
          onClick={() => void submit()}
        >
          {t('leads.convert.submit')}
        </Button>
      </div>
    </Dialog>
  );
}

interface SourceChoiceProps {
  name: string;
  value: Source;
  onChange(value: Source): void;
  newLabel: string;
  existingLabel: string;
}

/** New or existing: two radio buttons (arrow keys move between them). */
function SourceChoice({ name, value, onChange, newLabel, existingLabel }: SourceChoiceProps) {
  return (
    <div role="radiogroup" className="choice-row">
      {(['new', 'existing'] as const).map((option) => (
        <label key={option} className="checkbox">
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {option === 'new' ? newLabel : existingLabel}
        </label>
      ))}
    </div>
  );
}
