import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useNotify } from '@/components/ui/use-notify';
import { useUsers } from '@/lib/directory/use-users';
import { mapServerErrors } from '@/lib/forms/server-errors';
import { useCreateCompany } from '../api/use-companies';
import { companyFormFields, companyFormSchema, emptyCompanyForm, toCompanyInput, type CompanyFormValues } from './record-form-schema';

export function CompanyCreateDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const { users } = useUsers();
  const create = useCreateCompany();
  const [otherErrors, setOtherErrors] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CompanyFormValues>({ resolver: zodResolver(companyFormSchema), defaultValues: emptyCompanyForm });

  useEffect(() => {
    if (open) {
      reset(emptyCompanyForm);
      setOtherErrors(null);
    }
  }, [open, reset]);

  const submit = async (values: CompanyFormValues) => {
    setOtherErrors(null);
    try {
      const company = await create.mutateAsync(toCompanyInput(values));
      notify.success(t('companies.form.created', { name: company.name }));
      onOpenChange(false);
      void navigate(`/companies/${company.id}`);
    } catch (error) {
      const mapped = mapServerErrors(error, companyFormFields);
      for (const [field, message] of Object.entries(mapped.fields)) {
        setError(field as (typeof companyFormFields)[number], { type: 'server', message });
      }
      if (Object.keys(mapped.fields).length === 0 || mapped.other.length > 0) setOtherErrors(error);
    }
  };

  const message = (error?: { type?: string | number; message?: string | undefined }) =>
    error?.message ? (error.type === 'server' ? error.message : t(error.message)) : undefined;

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('companies.form.title')} wide>
      <form
        id="company-create-form"
        noValidate
        onSubmit={(event) => void handleSubmit(submit)(event)}
        className="form-grid form-grid--wide"
      >
        <TextField label={t('companies.fields.name')} required error={message(errors.name)} {...register('name')} />
        <TextField
          label={t('companies.fields.domain')}
          ltr
          placeholder="example.com"
          error={message(errors.domain)}
          {...register('domain')}
        />
        <TextField label={t('companies.fields.industry')} error={message(errors.industry)} {...register('industry')} />
        <TextField
          label={t('companies.fields.phone')}
          type="tel"
          ltr
          placeholder="+97143001234"
          error={message(errors.phone)}
          {...register('phone')}
        />
        <SelectField
          label={t('contacts.fields.owner')}
          placeholder={t('common.unassigned')}
          options={users.map((user) => ({ value: user.id, label: user.displayName }))}
          error={message(errors.ownerId)}
          {...register('ownerId')}
        />
        <TextField label={t('contacts.fields.tags')} hint={t('leads.form.tagsHint')} error={message(errors.tags)} {...register('tags')} />
      </form>
      {otherErrors !== null && <ProblemAlert error={otherErrors} />}
      <div className="dialog__actions">
        <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
        <Button type="submit" form="company-create-form" variant="primary" busy={isSubmitting}>
          {t('common.save')}
        </Button>
      </div>
    </Dialog>
  );
}
