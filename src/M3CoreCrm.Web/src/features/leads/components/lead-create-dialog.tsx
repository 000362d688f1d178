import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { TextareaField } from '@/components/ui/textarea-field';
import { useNotify } from '@/components/ui/use-notify';
import { isApiProblem, type ApiProblem } from '@/lib/api/problem';
import { useMe } from '@/lib/auth/auth-context';
import { useUsers } from '@/lib/directory/use-users';
import { mapServerErrors } from '@/lib/forms/server-errors';
import { leadSources } from '../api/lead-types';
import { useCreateLead } from '../api/use-lead-mutations';
import { emptyLeadForm, leadFormFields, leadFormSchema, toCreateRequest, type LeadFormValues } from './lead-form-schema';

export function LeadCreateDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const notify = useNotify();
  const { users } = useUsers();
  const create = useCreateLead();
  const [duplicate, setDuplicate] = useState<ApiProblem | null>(null);
  const [otherErrors, setOtherErrors] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<LeadFormValues>({ resolver: zodResolver(leadFormSchema), defaultValues: emptyLeadForm });

  useEffect(() => {
    if (open) {
      reset(emptyLeadForm);
      setDuplicate(null);
      setOtherErrors(null);
    }
  }, [open, reset]);

  const submit = async (values: LeadFormValues, allowDuplicate: boolean) => {
    setDuplicate(null);
    setOtherErrors(null);
    try {
      const lead = await create.mutateAsync({ request: toCreateRequest(values, me.tenant.defaultCurrency), allowDuplicate });
      notify.success(t('leads.form.created', { name: lead.fullName }));
      onOpenChange(false);
      void navigate(`/leads/${lead.id}`);
    } catch (error) {
      if (isApiProblem(error) && error.status === 409 && error.code.includes('duplicate')) {
        setDuplicate(error);
        return;
      }
      const mapped = mapServerErrors(error, leadFormFields);
      for (const [field, message] of Object.entries(mapped.fields)) {
        setError(field as (typeof leadFormFields)[number], { type: 'server', message });
      }
      if (Object.keys(mapped.fields).length === 0 || mapped.other.length > 0) setOtherErrors(error);
    }
  };

  // Client checks carry translation keys; the API's messages (type "server") are shown as they came.
  const message = (_path: string, error?: { type?: string | number; message?: string | undefined }) =>
    error?.message ? (error.type === 'server' ? error.message : t(error.message)) : undefined;
  const existingId = duplicate?.extension('existingId');

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('leads.form.title')} wide>
      <form
        id="lead-create-form"
        noValidate
        onSubmit={(event) => void handleSubmit((values) => submit(values, false))(event)}
        className="form-grid form-grid--wide"
      >
        <TextField label={t('leads.fields.firstName')} required error={message('firstName', errors.firstName)} {...register('firstName')} />
        <TextField label={t('leads.fields.lastName')} error={message('lastName', errors.lastName)} {...register('lastName')} />
        <TextField label={t('leads.fields.email')} type="email" ltr error={message('email', errors.email)} {...register('email')} />
        <TextField
          label={t('leads.fields.phone')}
          type="tel"
          ltr
          placeholder="+971501234567"
          error={message('phone', errors.phone)}
          {...register('phone')}
        />
        <SelectField
          label={t('leads.fields.source')}
          placeholder={t('common.none')}
          options={leadSources.map((source) => ({ value: source, label: t(`leads.source.${source}`) }))}
          error={message('source', errors.source)}
          {...register('source')}
        />
        <SelectField
          label={t('leads.fields.owner')}
          placeholder={t('leads.form.autoAssign')}
          options={users.map((user) => ({ value: user.id, label: user.displayName }))}
          error={message('ownerId', errors.ownerId)}
          {...register('ownerId')}
        />
        <TextField
          label={t('leads.fields.budgetMin')}
          inputMode="decimal"
          ltr
          error={message('budget.min', errors.budget?.min)}
          {...register('budget.min')}
        />
        <TextField
          label={t('leads.fields.budgetMax')}
          inputMode="decimal"
          ltr
          error={message('budget.max', errors.budget?.max)}
          {...register('budget.max')}
        />
        <TextField
          label={t('leads.fields.currency')}
          placeholder={me.tenant.defaultCurrency}
          maxLength={3}
          ltr
          error={message('budget.currency', errors.budget?.currency)}
          {...register('budget.currency')}
        />
        <TextField
          label={t('leads.fields.unitType')}
          error={message('interest.unitType', errors.interest?.unitType)}
          {...register('interest.unitType')}
        />
        <TextField
          label={t('leads.fields.bedrooms')}
          inputMode="numeric"
          ltr
          error={message('interest.bedrooms', errors.interest?.bedrooms)}
          {...register('interest.bedrooms')}
        />
        <TextField
          label={t('leads.fields.tags')}
          hint={t('leads.form.tagsHint')}
          error={message('tags', errors.tags)}
          {...register('tags')}
        />
        <TextareaField
          label={t('leads.fields.notes')}
          fieldClassName="field--full"
          error={message('notes', errors.notes)}
          {...register('notes')}
        />
      </form>
      {duplicate && (
        <div className="alert alert--warning" role="alert">
          <div className="alert__body">
            <span className="alert__title">{t('leads.form.duplicateTitle')}</span>
            <span>{t('leads.form.duplicateText')}</span>
            <span className="alert__meta">{t('problem.meta', { code: duplicate.code, traceId: duplicate.traceId ?? '—' })}</span>
            <div className="alert__actions">
              {existingId && (
                <Link className="btn" to={`/leads/${existingId}`} onClick={() => onOpenChange(false)}>
                  {t('leads.form.openExisting')}
                </Link>
              )}
              <Button variant="primary" busy={isSubmitting} onClick={() => void submit(getValues(), true)}>
                {t('leads.form.createAnyway')}
              </Button>
            </div>
          </div>
        </div>
      )}
      {otherErrors !== null && <ProblemAlert error={otherErrors} />}
      <div className="dialog__actions">
        <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
        <Button type="submit" form="lead-create-form" variant="primary" busy={isSubmitting}>
          {t('common.save')}
        </Button>
      </div>
    </Dialog>
  );
}
