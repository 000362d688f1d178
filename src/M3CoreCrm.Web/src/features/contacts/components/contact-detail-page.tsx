import { Merge } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RecordTimeline } from '@/components/timeline/record-timeline';
import { Button } from '@/components/ui/button';
import { EditableFieldList, type EditableField } from '@/components/ui/editable-field-list';
import { RecordDetailLayout } from '@/components/ui/record-detail-layout';
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

  return (
    <RecordDetailLayout
      query={query}
      back={{ to: '/contacts', label: t('contacts.tabs.contacts') }}
      guard={guard}
      render={() => {
        const contact = query.data!.contact;
        return {
          title: contactName(contact),
          subtitle: t('leads.detail.meta', { created: format.dateTime(contact.createdAt), updated: format.relative(contact.updatedAt) }),
          actions: hasPermission(me, 'contacts.merge') && (
            <Button icon={<Merge size={16} aria-hidden />} onClick={() => setMerging(true)}>
              {t('contacts.merge.button')}
            </Button>
          ),
          main: (
            <EditableFieldList
              title={t('leads.detail.fields')}
              fields={contactFields(contact, t, saveField)}
              readOnly={!hasPermission(me, 'contacts.update')}
              errors={errors}
              resetKey={guard.resolved}
            />
          ),
          aside: (
            <>
              <ContactRelations contact={contact} />
              <RecordTimeline entityType="contact" id={contact.id} />
            </>
          ),
          dialogs: (
            <MergeContactsDialog
              open={merging}
              onOpenChange={setMerging}
              survivor={contact}
              busy={merge.isPending}
              merge={(otherId) =>
                guard
                  .run((current) => merge.mutateAsync({ otherId, etag: current }), etag)
                  .then(() => notify.success(t('contacts.merge.done')))
              }
            />
          ),
        };
      }}
    />
  );
}

function contactFields(
  contact: Contact,
  t: (key: string) => string,
  saveField: (field: string, patch: Partial<ContactInput>) => Promise<void>,
): EditableField[] {
  return [
    {
      id: 'firstName',
      label: t('contacts.fields.firstName'),
      value: contact.firstName,
      onSave: (value) => saveField('firstName', { firstName: value.trim() }),
    },
    {
      id: 'lastName',
      label: t('contacts.fields.lastName'),
      value: contact.lastName ?? '',
      onSave: (value) => saveField('lastName', { lastName: value.trim() || null }),
    },
    {
      id: 'emails',
      label: t('contacts.fields.emails'),
      value: contact.emails.map((e) => e.address).join(', '),
      ltr: true,
      onSave: (value) =>
        saveField('emails', {
          emails: splitList(value).map((address, index) => ({
            address,
            label: contact.emails.find((e) => e.address === address)?.label ?? 'work',
            isPrimary: index === 0,
          })),
        }),
    },
    {
      id: 'phones',
      label: t('contacts.fields.phones'),
      value: contact.phones.map((p) => p.number).join(', '),
      ltr: true,
      onSave: (value) =>
        saveField('phones', {
          phones: splitList(value).map((number, index) => ({
            number,
            label: contact.phones.find((p) => p.number === number)?.label ?? 'mobile',
            isPrimary: index === 0,
          })),
        }),
    },
    {
      id: 'tags',
      label: t('contacts.fields.tags'),
      value: contact.tags.join(', '),
      onSave: (value) => saveField('tags', { tags: splitList(value) }),
    },
    {
      id: 'city',
      label: t('contacts.fields.city'),
      value: contact.address?.city ?? '',
      onSave: (value) => saveField('city', { address: { ...contact.address, city: value.trim() || null } }),
    },
  ];
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
