import { Download, Plus, Upload, UserPlus } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SkeletonRows } from '@/components/ui/skeleton';
import { useMe } from '@/lib/auth/auth-context';
import { useOpenedOnce } from '@/lib/hooks/use-opened-once';
import { useUrlFilters } from '@/lib/hooks/use-url-filters';
import { leadFilterDefaults, leadQueryOf } from '../api/lead-filters';
import { useExportLeads } from '../api/use-lead-transfer';
import { useLeads } from '../api/use-leads';
import { LeadsFilterBar } from './leads-filter-bar';
import { LeadsList } from './leads-list';

// The dialogs (forms with zod and react-hook-form, the CSV import) load when first opened: the list comes first.
const LeadCreateDialog = lazy(async () => ({ default: (await import('./lead-create-dialog')).LeadCreateDialog }));
const LeadImportDialog = lazy(async () => ({ default: (await import('./lead-import-dialog')).LeadImportDialog }));

export function LeadsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const filters = useUrlFilters(leadFilterDefaults);
  const leads = useLeads(filters.values, me.tenant.timeZone);
  const exportLeads = useExportLeads();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const createMounted = useOpenedOnce(creating);
  const importMounted = useOpenedOnce(importing);

  const rows = leads.data?.pages.flatMap((page) => page.items) ?? [];
  const total = leads.data?.pages[0]?.total;

  return (
    <div className="page page--fill">
      <PageHeader
        title={t('nav.leads')}
        subtitle={total != null ? t('leads.count', { count: total }) : undefined}
        actions={
          <>
            <Button onClick={() => setImporting(true)} icon={<Upload size={16} aria-hidden />}>
              {t('leads.import.button')}
            </Button>
            <Button
              busy={exportLeads.isPending}
              onClick={() => exportLeads.mutate({ query: leadQueryOf(filters.values, me.tenant.timeZone), sort: filters.values.sort })}
              icon={<Download size={16} aria-hidden />}
            >
              {t('leads.export.button')}
            </Button>
            <Button variant="primary" onClick={() => setCreating(true)} icon={<Plus size={16} aria-hidden />}>
              {t('leads.new')}
            </Button>
          </>
        }
      />
      <LeadsFilterBar values={filters.values} onChange={filters.set} onReset={filters.reset} isFiltered={filters.isFiltered} />
      {leads.isPending ? (
        <div className="list">
          <SkeletonRows rows={10} columns={6} />
        </div>
      ) : leads.isError ? (
        <ProblemAlert error={leads.error} actions={<Button onClick={() => void leads.refetch()}>{t('common.tryAgain')}</Button>} />
      ) : rows.length === 0 ? (
        <div className="card">
          {filters.isFiltered ? (
            <EmptyState
              icon={<UserPlus size={28} />}
              title={t('leads.empty.filteredTitle')}
              text={t('leads.empty.filteredText')}
              action={<Button onClick={filters.reset}>{t('common.clearFilters')}</Button>}
            />
          ) : (
            <EmptyState
              icon={<UserPlus size={28} />}
              title={t('leads.empty.title')}
              text={t('leads.empty.text')}
              action={
                <Button variant="primary" onClick={() => setCreating(true)}>
                  {t('leads.new')}
                </Button>
              }
            />
          )}
        </div>
      ) : (
        <LeadsList
          leads={rows}
          total={total}
          hasNextPage={leads.hasNextPage}
          isFetchingNextPage={leads.isFetchingNextPage}
          fetchNextPage={() => void leads.fetchNextPage()}
        />
      )}
      <Suspense fallback={null}>
        {createMounted && <LeadCreateDialog open={creating} onOpenChange={setCreating} />}
        {importMounted && <LeadImportDialog open={importing} onOpenChange={setImporting} />}
      </Suspense>
    </div>
  );
}
