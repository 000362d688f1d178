import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { isApiProblem } from '@/lib/api/problem';
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
  'company.name',
  'company.domain',
  'company.phone',
  'deal.pipelineId',
  'deal.stageId',
  'deal.title',
  'deal.amount',
  'deal.currency',
] as const;

/** Converts a lead: always a contact, optionally a new company, optionally a deal in a chosen pipeline and stage. */
export function LeadConvertDialog({ open, onOpenChange, lead, defaultCurrency, busy, convert, onConverted }: LeadConvertDialogProps) {
  const { t } = useTranslation();
  const [withCompany, setWithCompany] = useState(false);
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
      contact: null,
      company: withCompany
        ? { name: company.name.trim(), domain: company.domain.trim() || null, phone: company.phone.trim() || null }
        : null,
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
        <p className="muted">{t('leads.convert.contactText')}</p>
      </fieldset>
      <fieldset className="fieldset">
        <legend>
          <label className="checkbox">
            <input type="checkbox" checked={withCompany} onChange={(event) => setWithCompany(event.target.checked)} />
            {t('leads.convert.withCompany')}
          </label>
        </legend>
        {withCompany && (
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
        <Button variant="primary" busy={busy} disabled={withCompany && company.name.trim() === ''} onClick={() => void submit()}>
          {t('leads.convert.submit')}
        </Button>
      </div>
    </Dialog>
  );
}
