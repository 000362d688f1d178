import { Merge } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RecordTimeline } from '@/components/timeline/record-timeline';
import { BackLink } from '@/components/ui/back-link';
import { Button } from '@/components/ui/button';
import { ConflictDialog } from '@/components/ui/conflict-dialog';
import { InlineEditField } from '@/components/ui/inline-edit-field';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SkeletonRows } from '@/components/ui/skeleton';
import { useFieldSave } from '@/components/ui/use-field-save';
import { useNotify } from '@/components/ui/use-notify';
import { usePreconditionGuard } from '@/components/ui/use-precondition-guard';
import { hasPermission, useMe } from '@/lib/auth/auth-context';
import { useUsers } from '@/lib/directory/use-users';
import { useFormat } from '@/lib/format/use-format';
import { contactName, type Contact, type ContactInput } from '../api/contact-types';
import { useCompany } from '../api/use-companies';
import { useContact, useMergeContacts, useUpdateContact } from '../api/use-contacts';
import { MergeContactsDialog } from './merge-contacts-dialog';

const splitList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const notify = useNotify();
  const query = useContact(id);
  const update = useUpdateContact(id);
  const merge = useMergeContacts(id);
  const [merging, setMerging] = useState(false);
  const refetchEtag = useCallback(async () => (await query.refetch()).data?.etag, [query]);
  const guard = usePreconditionGuard(refetchEtag);
  const etag = query.data?.etag;
  const { errors, saveField } = useFieldSave((patch: Partial<ContactInput>) =>
    guard.run((current) => update.mutateAsync({ patch, etag: current }), etag),
  );

  if (query.isPending)
    return (
      <div className="page">
        <SkeletonRows rows={8} columns={2} />
      </div>
    );
  if (query.isError) {
    return (
      <div className="page">
        <BackLink to="/contacts" label={t('contacts.tabs.contacts')} />
        <ProblemAlert error={query.error} actions={<Button onClick={() => void query.refetch()}>{t('common.tryAgain')}</Button>} />
      </div>
    );
  }

  const contact = query.data.contact;
  const readOnly = !hasPermission(me, 'contacts.update');
  return (
    <div className="page">
      <BackLink to="/contacts" label={t('contacts.tabs.contacts')} />
      <PageHeader
        title={contactName(contact)}
        subtitle={t('leads.detail.meta', { created: format.dateTime(contact.createdAt), updated: format.relative(contact.updatedAt) })}
        actions={
          hasPermission(me, 'contacts.merge') && (
            <Button icon={<Merge size={16} aria-hidden />} onClick={() => setMerging(true)}>
              {t('contacts.merge.button')}
            </Button>
          )
        }
      />
      <div className="detail">
        <div className="detail__column">
          <ContactFields contact={contact} readOnly={readOnly} errors={errors} saveField={saveField} resetKey={guard.resolved} />
        </div>
        <div className="detail__column">
          <ContactRelations contact={contact} />
          <RecordTimeline entityType="contact" id={contact.id} />
        </div>
      </div>
      <MergeContactsDialog
        open={merging}
        onOpenChange={setMerging}
        survivor={contact}
        busy={merge.isPending}
        merge={(otherId) =>
          guard.run((current) => merge.mutateAsync({ otherId, etag: current }), etag).then(() => notify.success(t('contacts.merge.done')))
        }
      />
      <ConflictDialog
        open={guard.conflict}
        onOpenChange={(open) => !open && guard.dismiss()}
        busy={guard.busy}
        onReload={() => void guard.reload()}
        onOverwrite={() => void guard.overwrite().catch((error: unknown) => notify.problem(error))}
      />
    </div>
  );
}

interface ContactFieldsProps {
  contact: Contact;
  readOnly: boolean;
  errors: Partial<Record<string, string>>;
  saveField(field: string, patch: Partial<ContactInput>): Promise<void>;
  resetKey: unknown;
}

function ContactFields({ contact, readOnly, errors, saveField, resetKey }: ContactFieldsProps) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="contact-fields-title">
      <h2 id="contact-fields-title" className="card__title">
        {t('leads.detail.fields')}
      </h2>
      <dl className="dl">
        <dt>{t('contacts.fields.firstName')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('contacts.fields.firstName')}
            value={contact.firstName}
            disabled={readOnly}
            error={errors.firstName}
            onSave={(value) => saveField('firstName', { firstName: value.trim() })}
          />
        </dd>
        <dt>{t('contacts.fields.lastName')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('contacts.fields.lastName')}
            value={contact.lastName ?? ''}
            disabled={readOnly}
            error={errors.lastName}
            onSave={(value) => saveField('lastName', { lastName: value.trim() || null })}
          />
        </dd>
        <dt>{t('contacts.fields.emails')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('contacts.fields.emails')}
            value={contact.emails.map((e) => e.address).join(', ')}
            ltr
            disabled={readOnly}
            error={errors.emails}
            onSave={(value) =>
              saveField('emails', {
                emails: splitList(value).map((address, index) => ({
                  address,
                  label: contact.emails.find((e) => e.address === address)?.label ?? 'work',
                  isPrimary: index === 0,
                })),
              })
            }
          />
        </dd>
        <dt>{t('contacts.fields.phones')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('contacts.fields.phones')}
            value={contact.phones.map((p) => p.number).join(', ')}
            ltr
            disabled={readOnly}
            error={errors.phones}
            onSave={(value) =>
              saveField('phones', {
                phones: splitList(value).map((number, index) => ({
                  number,
                  label: contact.phones.find((p) => p.number === number)?.label ?? 'mobile',
                  isPrimary: index === 0,
                })),
              })
            }
          />
        </dd>
        <dt>{t('contacts.fields.tags')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('contacts.fields.tags')}
            value={contact.tags.join(', ')}
            disabled={readOnly}
            error={errors.tags}
            onSave={(value) => saveField('tags', { tags: splitList(value) })}
          />
        </dd>
        <dt>{t('contacts.fields.city')}</dt>
        <dd>
          <InlineEditField
            resetKey={resetKey}
            label={t('contacts.fields.city')}
            value={contact.address?.city ?? ''}
            disabled={readOnly}
            error={errors.city}
            onSave={(value) => saveField('city', { address: { ...contact.address, city: value.trim() || null } })}
          />
        </dd>
      </dl>
    </section>
  );
}

function ContactRelations({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const { byId } = useUsers();
  const company = useCompany(contact.companyId);
  return (
    <section className="card" aria-labelledby="contact-relations-title">
      <h2 id="contact-relations-title" className="card__title">
        {t('contacts.detail.relations')}
      </h2>
      <dl className="dl">
        <dt>{t('contacts.fields.company')}</dt>
        <dd style={{ paddingBlockStart: 6 }}>
          {contact.companyId ? <Link to={`/companies/${contact.companyId}`}>{company.data?.company.name ?? t('common.open')}</Link> : '—'}
        </dd>
        <dt>{t('contacts.fields.owner')}</dt>
        <dd style={{ paddingBlockStart: 6 }}>
          {contact.ownerId ? (byId.get(contact.ownerId)?.displayName ?? '…') : t('common.unassigned')}
        </dd>
        {contact.sourceLeadId && (
          <>
            <dt>{t('contacts.fields.sourceLead')}</dt>
            <dd style={{ paddingBlockStart: 6 }}>
              <Link to={`/leads/${contact.sourceLeadId}`}>{t('contacts.detail.openLead')}</Link>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
