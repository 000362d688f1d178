import { Building, Plus } from 'lucide-react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SkeletonRows } from '@/components/ui/skeleton';
import { VirtualTable, type Column } from '@/components/ui/virtual-table';
import { useUsers } from '@/lib/directory/use-users';
import { useFormat } from '@/lib/format/use-format';
import { useOpenedOnce } from '@/lib/hooks/use-opened-once';
import { useUrlFilters } from '@/lib/hooks/use-url-filters';
import { listDefaults, type Company } from '../api/contact-types';
import { useCompanies } from '../api/use-companies';
import { ContactsTabs } from './contacts-tabs';
import { ListToolbar } from './list-toolbar';

const CompanyCreateDialog = lazy(async () => ({ default: (await import('./company-create-dialog')).CompanyCreateDialog }));

export function CompaniesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { byId } = useUsers();
  const filters = useUrlFilters(listDefaults);
  const [creating, setCreating] = useState(false);
  const createMounted = useOpenedOnce(creating);
  const companies = useCompanies(filters.values);
  const rows = companies.data?.pages.flatMap((page) => page.items) ?? [];
  const total = companies.data?.pages[0]?.total;

  const columns = useMemo<Column<Company>[]>(
    () => [
      {
        id: 'name',
        header: t('companies.fields.name'),
        width: 'minmax(180px, 2fr)',
        cell: (company) => (
          <Link to={`/companies/${company.id}`} className="list__primary" style={{ color: 'inherit' }}>
            {company.name}
          </Link>
        ),
      },
      {
        id: 'domain',
        header: t('companies.fields.domain'),
        width: 'minmax(140px, 1.5fr)',
        cell: (c) => <span className="ltr">{c.domain ?? '—'}</span>,
      },
      { id: 'industry', header: t('companies.fields.industry'), width: 'minmax(120px, 1fr)', cell: (c) => c.industry ?? '—' },
      { id: 'phone', header: t('companies.fields.phone'), width: '160px', cell: (c) => <span className="ltr">{c.phone ?? '—'}</span> },
      {
        id: 'owner',
        header: t('contacts.fields.owner'),
        width: 'minmax(120px, 1fr)',
        cell: (c) => (c.ownerId ? (byId.get(c.ownerId)?.displayName ?? '…') : <span className="muted">{t('common.unassigned')}</span>),
      },
    ],
    [t, byId],
  );

  return (
    <div className="page page--fill">
      <PageHeader
        title={t('nav.contacts')}
        subtitle={total != null ? t('companies.count', { count: total }) : undefined}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)} icon={<Plus size={16} aria-hidden />}>
            {t('companies.new')}
          </Button>
        }
      />
      <ContactsTabs />
      <ListToolbar values={filters.values} onChange={filters.set} onReset={filters.reset} isFiltered={filters.isFiltered} />
      {companies.isPending ? (
        <div className="list">
          <SkeletonRows rows={10} columns={5} />
        </div>
      ) : companies.isError ? (
        <ProblemAlert error={companies.error} actions={<Button onClick={() => void companies.refetch()}>{t('common.tryAgain')}</Button>} />
      ) : rows.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<Building size={28} />}
            title={filters.isFiltered ? t('companies.empty.filteredTitle') : t('companies.empty.title')}
            text={filters.isFiltered ? t('leads.empty.filteredText') : t('companies.empty.text')}
            action={filters.isFiltered ? <Button onClick={filters.reset}>{t('common.clearFilters')}</Button> : undefined}
          />
        </div>
      ) : (
        <VirtualTable
          label={t('contacts.tabs.companies')}
          rows={rows}
          columns={columns}
          rowKey={(c) => c.id}
          rowHref={(c) => `/companies/${c.id}`}
          total={total}
          hasNextPage={companies.hasNextPage}
          isFetchingNextPage={companies.isFetchingNextPage}
          fetchNextPage={() => void companies.fetchNextPage()}
          footer={t('leads.list.shown', { shown: format.number(rows.length), total: format.number(total ?? rows.length) })}
        />
      )}
      {createMounted && (
        <Suspense fallback={null}>
          <CompanyCreateDialog open={creating} onOpenChange={setCreating} />
        </Suspense>
      )}
    </div>
  );
}
