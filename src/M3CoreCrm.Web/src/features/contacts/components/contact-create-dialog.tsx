import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { DuplicateOffer } from '@/components/ui/duplicate-offer';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { RecordPicker } from '@/components/ui/record-picker';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useNotify } from '@/components/ui/use-notify';
import { isApiProblem, type ApiProblem } from '@/lib/api/problem';
import { useCompanyOptions, type RecordOption } from '@/lib/directory/use-record-search';
import { useUsers } from '@/lib/directory/use-users';
import { mapServerErrors } from '@/lib/forms/server-errors';
import { contactName } from '../api/contact-types';
import { useCreateContact } from '../api/use-contacts';
import { contactFormFields, contactFormSchema, emptyContactForm, toContactInput, type ContactFormValues } from './record-form-schema';

/** Where the API's field names show on this form: `emails[0].address` is the Email field. */
const fieldOfApi: Record<(typeof contactFormFields)[number], keyof ContactFormValues> = {
  firstName: 'firstName',
  lastName: 'lastName',
  emails: 'email',
  phones: 'phone',
  companyId: 'companyId',
  ownerId: 'ownerId',
  tags: 'tags',
};

export function ContactCreateDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const { users } = useUsers();
  const create = useCreateContact();
  const [company, setCompany] = useState<RecordOption | null>(null);
  const [duplicate, setDuplicate] = useState<ApiProblem | null>(null);
  const [otherErrors, setOtherErrors] = useState<unknown>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<ContactFormValues>({ resolver: zodResolver(contactFormSchema), defaultValues: emptyContactForm });

  useEffect(() => {
    if (open) {
      reset(emptyContactForm);
      setCompany(null);
      setDuplicate(null);
      setOtherErrors(null);
    }
  }, [open, reset]);

  const submit = async (values: ContactFormValues, allowDuplicate: boolean) => {
    setDuplicate(null);
    setOtherErrors(null);
    try {
      const contact = await create.mutateAsync({ input: toContactInput(values), allowDuplicate });
      notify.success(t('contacts.form.created', { name: contactName(contact) }));
      onOpenChange(false);
      void navigate(`/contacts/${contact.id}`);
    } catch (error) {
      if (isApiProblem(error) && error.status === 409 && error.code.includes('duplicate')) {
        setDuplicate(error);
        return;
      }
      const mapped = mapServerErrors(error, contactFormFields);
      for (const [field, message] of Object.entries(mapped.fields)) {
        setError(fieldOfApi[field as (typeof contactFormFields)[number]], { type: 'server', message });
      }
      if (Object.keys(mapped.fields).length === 0 || mapped.other.length > 0) setOtherErrors(error);
    }
  };

  const message = (error?: { type?: string | number; message?: string | undefined }) =>
    error?.message ? (error.type === 'server' ? error.message : t(error.message)) : undefined;

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('contacts.form.title')} wide>
      <form
        id="contact-create-form"
        noValidate
        onSubmit={(event) => void handleSubmit((values) => submit(values, false))(event)}
        className="form-grid form-grid--wide"
      >
        <TextField label={t('contacts.fields.firstName')} required error={message(errors.firstName)} {...register('firstName')} />
        <TextField label={t('contacts.fields.lastName')} error={message(errors.lastName)} {...register('lastName')} />
        <TextField label={t('contacts.fields.email')} type="email" ltr error={message(errors.email)} {...register('email')} />
        <TextField
          label={t('contacts.fields.phone')}
          type="tel"
          ltr
          placeholder="+971501234567"
          error={message(errors.phone)}
          {...register('phone')}
        />
        <Controller
          control={control}
          name="companyId"
          render={({ field }) => (
            <RecordPicker
              label={t('contacts.fields.company')}
              value={company}
              onChange={(option) => {
                setCompany(option);
                field.onChange(option?.id ?? '');
              }}
              useOptions={useCompanyOptions}
              error={message(errors.companyId)}
            />
          )}
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
      {duplicate && (
        <DuplicateOffer
          problem={duplicate}
          title={t('contacts.form.duplicateTitle')}
          text={t('contacts.form.duplicateText')}
          hrefOf={(id) => `/contacts/${id}`}
          onOpenExisting={() => onOpenChange(false)}
          onCreateAnyway={() => void submit(getValues(), true)}
          busy={isSubmitting || create.isPending}
        />
      )}
      {otherErrors !== null && <ProblemAlert error={otherErrors} />}
      <div className="dialog__actions">
        <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
        <Button type="submit" form="contact-create-form" variant="primary" busy={isSubmitting}>
          {t('common.save')}
        </Button>
      </div>
    </Dialog>
  );
}
