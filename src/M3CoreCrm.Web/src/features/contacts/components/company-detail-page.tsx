import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { RecordTimeline } from '@/components/timeline/record-timeline';
import { EditableFieldList, type EditableField } from '@/components/ui/editable-field-list';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { RecordDetailLayout } from '@/components/ui/record-detail-layout';
import { useFieldSave } from '@/components/ui/use-field-save';
import { usePreconditionGuard } from '@/components/ui/use-precondition-guard';
import { hasPermission, useMe } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/format/use-format';
import { contactName, type Company, type CompanyInput } from '../api/contact-types';
import { useCompany, useCompanyContacts, useUpdateCompany } from '../api/use-companies';

export function CompanyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const query = useCompany(id);
  const update = useUpdateCompany(id);
  const refetchEtag = useCallback(async () => (await query.refetch()).data?.etag, [query]);
  const guard = usePreconditionGuard(refetchEtag);
  const etag = query.data?.etag;
  const { errors, saveField } = useFieldSave((patch: Partial<CompanyInput>) =>
    guard.run((current) => update.mutateAsync({ patch, etag: current }), etag),
  );

  return (
    <RecordDetailLayout
      query={query}
      back={{ to: '/companies', label: t('contacts.tabs.companies') }}
      guard={guard}
      render={() => {
        const company = query.data!.company;
        return {
          title: company.name,
          subtitle: t('leads.detail.meta', { created: format.dateTime(company.createdAt), updated: format.relative(company.updatedAt) }),
          main: (
            <>
              <EditableFieldList
                title={t('leads.detail.fields')}
                fields={companyFields(company, t, saveField)}
                readOnly={!hasPermission(me, 'companies.update') && !hasPermission(me, 'contacts.update')}
                errors={errors}
                resetKey={guard.resolved}
              />
              <CompanyPeople id={company.id} />
            </>
          ),
          aside: <RecordTimeline entityType="company" id={company.id} />,
        };
      }}
    />
  );
}

function companyFields(
  company: Company,
  t: (key: string) => string,
  saveField: (field: string, patch: Partial<CompanyInput>) => Promise<void>,
): EditableField[] {
  const text = (field: 'name' | 'domain' | 'industry' | 'phone', ltr = false): EditableField => ({
    id: field,
    label: t(`companies.fields.${field}`),
    value: company[field] ?? '',
    ltr,
    onSave: (value) => saveField(field, { [field]: value.trim() || (field === 'name' ? value : null) }),
  });
  return [
    text('name'),
    text('domain', true),
    text('industry'),
    text('phone', true),
    {
      id: 'tags',
      label: t('contacts.fields.tags'),
      value: company.tags.join(', '),
      onSave: (value) =>
        saveField('tags', {
          tags: value
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        }),
    },
  ];
}

function CompanyPeople({ id }: { id: string }) {
  const { t } = useTranslation();
  const contacts = useCompanyContacts(id);
  const people = contacts.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="company-people-title">
      <h2 id="company-people-title" className="card__title">
        {t('companies.detail.contacts', { count: contacts.data?.total ?? people.length })}
      </h2>
      {contacts.isError ? (
        <ProblemAlert error={contacts.error} />
      ) : people.length === 0 ? (
        <p className="muted">{contacts.isPending ? t('common.loading') : t('companies.detail.noContacts')}</p>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 'var(--space-4)' }}>
          {people.map((person) => (
            <li key={person.id}>
              <Link to={`/contacts/${person.id}`}>{contactName(person)}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
