import { useCallback } from 'react';
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
import { useFormat } from '@/lib/format/use-format';
import { contactName, type CompanyInput } from '../api/contact-types';
import { useCompany, useCompanyContacts, useUpdateCompany } from '../api/use-companies';

export function CompanyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const notify = useNotify();
  const query = useCompany(id);
  const contacts = useCompanyContacts(id);
  const update = useUpdateCompany(id);
  const refetchEtag = useCallback(async () => (await query.refetch()).data?.etag, [query]);
  const guard = usePreconditionGuard(refetchEtag);
  const etag = query.data?.etag;
  const { errors, saveField } = useFieldSave((patch: Partial<CompanyInput>) =>
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
        <BackLink to="/companies" label={t('contacts.tabs.companies')} />
        <ProblemAlert error={query.error} actions={<Button onClick={() => void query.refetch()}>{t('common.tryAgain')}</Button>} />
      </div>
    );
  }

  const company = query.data.company;
  const readOnly = !hasPermission(me, 'companies.update') && !hasPermission(me, 'contacts.update');
  const resetKey = guard.resolved;
  const text = (field: 'name' | 'domain' | 'industry' | 'phone', ltr = false) => (
    <InlineEditField
      resetKey={resetKey}
      label={t(`companies.fields.${field}`)}
      value={company[field] ?? ''}
      ltr={ltr}
      disabled={readOnly}
      error={errors[field]}
      onSave={(value) => saveField(field, { [field]: value.trim() || (field === 'name' ? value : null) })}
    />
  );
  const people = contacts.data?.items ?? [];
  return (
    <div className="page">
      <BackLink to="/companies" label={t('contacts.tabs.companies')} />
      <PageHeader
        title={company.name}
        subtitle={t('leads.detail.meta', { created: format.dateTime(company.createdAt), updated: format.relative(company.updatedAt) })}
      />
      <div className="detail">
        <div className="detail__column">
          <section className="card" aria-labelledby="company-fields-title">
            <h2 id="company-fields-title" className="card__title">
              {t('leads.detail.fields')}
            </h2>
            <dl className="dl">
              <dt>{t('companies.fields.name')}</dt>
              <dd>{text('name')}</dd>
              <dt>{t('companies.fields.domain')}</dt>
              <dd>{text('domain', true)}</dd>
              <dt>{t('companies.fields.industry')}</dt>
              <dd>{text('industry')}</dd>
              <dt>{t('companies.fields.phone')}</dt>
              <dd>{text('phone', true)}</dd>
              <dt>{t('contacts.fields.tags')}</dt>
              <dd>
                <InlineEditField
                  resetKey={resetKey}
                  label={t('contacts.fields.tags')}
                  value={company.tags.join(', ')}
                  disabled={readOnly}
                  error={errors.tags}
                  onSave={(value) =>
                    saveField('tags', {
                      tags: value
                        .split(',')
                        .map((tag) => tag.trim())
                        .filter(Boolean),
                    })
                  }
                />
              </dd>
            </dl>
          </section>
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
        </div>
        <div className="detail__column">
          <RecordTimeline entityType="company" id={company.id} />
        </div>
      </div>
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
