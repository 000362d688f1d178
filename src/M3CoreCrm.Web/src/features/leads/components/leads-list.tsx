import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Skeleton } from '@/components/ui/skeleton';
import { useUsers } from '@/lib/directory/use-users';
import { useFormat } from '@/lib/format/use-format';
import type { Lead } from '../api/lead-types';
import { LeadStatusBadge } from './lead-status-badge';

const ROW_HEIGHT = 52;
const COLUMNS = 'minmax(180px, 2fr) 120px 110px minmax(120px, 1fr) minmax(140px, 1.2fr) 120px';

export interface LeadsListProps {
  leads: readonly Lead[];
  total: number | null | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
}

/**
 * Only the rows in view are in the DOM (react-virtual), so a list of 100,000 leads scrolls like one of 50; the next
 * keyset page loads when the last loaded row comes into view.
 */
export function LeadsList({ leads, total, hasNextPage, isFetchingNextPage, fetchNextPage }: LeadsListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { byId } = useUsers();
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = hasNextPage ? leads.length + 1 : leads.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  useEffect(() => {
    if (last && last.index >= leads.length - 1 && hasNextPage && !isFetchingNextPage) fetchNextPage();
  }, [last, leads.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <div className="list" style={{ ['--list-columns' as string]: COLUMNS }}>
      <div role="table" aria-label={t('leads.list.label')} aria-rowcount={(total ?? leads.length) + 1} className="list__table">
        <div role="rowgroup">
          <div className="list__header" role="row" aria-rowindex={1}>
            <span role="columnheader">{t('leads.fields.name')}</span>
            <span role="columnheader">{t('leads.fields.status')}</span>
            <span role="columnheader">{t('leads.fields.source')}</span>
            <span role="columnheader">{t('leads.fields.owner')}</span>
            <span role="columnheader">{t('leads.fields.budget')}</span>
            <span role="columnheader">{t('leads.fields.created')}</span>
          </div>
        </div>
        <div ref={scrollRef} className="list__scroll" role="rowgroup">
          <div role="presentation" style={{ blockSize: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const lead = leads[item.index];
              const style = { insetBlockStart: item.start, blockSize: item.size };
              if (!lead) {
                return (
                  <div key="loader" className="list__row" role="row" aria-rowindex={item.index + 2} style={style}>
                    <span role="cell">
                      <Skeleton width="60%" />
                      <span className="visually-hidden">{t('common.loading')}</span>
                    </span>
                  </div>
                );
              }
              const owner = lead.ownerId ? byId.get(lead.ownerId)?.displayName : undefined;
              return (
                <div
                  key={lead.id}
                  className="list__row"
                  role="row"
                  aria-rowindex={item.index + 2}
                  style={style}
                  onClick={(event) => {
                    if (!(event.target instanceof HTMLAnchorElement)) void navigate(`/leads/${lead.id}`);
                  }}
                >
                  <span role="cell" className="list__cell">
                    <Link to={`/leads/${lead.id}`} className="list__primary" style={{ color: 'inherit' }}>
                      {lead.fullName}
                    </Link>
                    <br />
                    <span className="muted ltr" style={{ fontSize: 'var(--text-sm)' }}>
                      {lead.email ?? lead.phone ?? ''}
                    </span>
                  </span>
                  <span role="cell" className="list__cell">
                    <LeadStatusBadge status={lead.status} />
                  </span>
                  <span role="cell" className="list__cell">
                    {t(`leads.source.${lead.source}`)}
                  </span>
                  <span role="cell" className="list__cell">
                    {owner ?? (lead.ownerId ? '…' : <span className="muted">{t('common.unassigned')}</span>)}
                  </span>
                  <span role="cell" className="list__cell">
                    {format.moneyRange(lead.budget?.min, lead.budget?.max, lead.budget?.currency)}
                  </span>
                  <span role="cell" className="list__cell">
                    <time dateTime={lead.createdAt}>{format.date(lead.createdAt)}</time>
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className="list__footer" aria-live="polite">
        <span>{t('leads.list.shown', { shown: format.number(leads.length), total: format.number(total ?? leads.length) })}</span>
        {isFetchingNextPage && <span>{t('common.loading')}</span>}
      </div>
    </div>
  );
}
