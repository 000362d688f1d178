import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VirtualTable, type Column } from '@/components/ui/virtual-table';
import { useUsers } from '@/lib/directory/use-users';
import { useFormat } from '@/lib/format/use-format';
import type { Lead } from '../api/lead-types';
import { LeadStatusBadge } from './lead-status-badge';

export interface LeadsListProps {
  leads: readonly Lead[];
  total: number | null | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
}

export function LeadsList({ leads, total, ...paging }: LeadsListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { byId } = useUsers();
  const columns = useMemo<Column<Lead>[]>(
    () => [
      {
        id: 'name',
        header: t('leads.fields.name'),
        width: 'minmax(180px, 2fr)',
        cell: (lead) => (
          <>
            <Link to={`/leads/${lead.id}`} className="list__primary" style={{ color: 'inherit' }}>
              {lead.fullName}
            </Link>
            <br />
            <span className="muted ltr" style={{ fontSize: 'var(--text-sm)' }}>
              {lead.email ?? lead.phone ?? ''}
            </span>
          </>
        ),
      },
      { id: 'status', header: t('leads.fields.status'), width: '120px', cell: (lead) => <LeadStatusBadge status={lead.status} /> },
      { id: 'source', header: t('leads.fields.source'), width: '120px', cell: (lead) => t(`leads.source.${lead.source}`) },
      {
        id: 'owner',
        header: t('leads.fields.owner'),
        width: 'minmax(120px, 1fr)',
        cell: (lead) =>
          lead.ownerId ? (byId.get(lead.ownerId)?.displayName ?? '…') : <span className="muted">{t('common.unassigned')}</span>,
      },
      {
        id: 'budget',
        header: t('leads.fields.budget'),
        width: 'minmax(150px, 1.2fr)',
        cell: (lead) => {
          const budget = lead.budget;
          if (!budget || (budget.min == null && budget.max == null)) return '—';
          const full = format.moneyRange(budget.min, budget.max, budget.currency);
          const short = [budget.min, budget.max]
            .map((amount) => (amount == null ? '…' : format.moneyCompact(amount, budget.currency)))
            .join(' – ');
          return <span title={full}>{short}</span>;
        },
      },
      {
        id: 'created',
        header: t('leads.fields.created'),
        width: '120px',
        cell: (lead) => <time dateTime={lead.createdAt}>{format.date(lead.createdAt)}</time>,
      },
    ],
    [t, format, byId],
  );
  return (
    <VirtualTable
      label={t('leads.list.label')}
      rows={leads}
      columns={columns}
      rowKey={(lead) => lead.id}
      rowHref={(lead) => `/leads/${lead.id}`}
      total={total}
      footer={t('leads.list.shown', { shown: format.number(leads.length), total: format.number(total ?? leads.length) })}
      {...paging}
    />
  );
}
