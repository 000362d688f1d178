import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Skeleton } from './skeleton';

export interface Column<T> {
  id: string;
  header: string;
  /** A CSS grid track, e.g. "minmax(180px, 2fr)" or "120px". */
  width: string;
  cell(row: T): ReactNode;
}

export interface VirtualTableProps<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  /** Where a click on the row leads (its first cell should hold a link to the same place, for the keyboard). */
  rowHref(row: T): string;
  total: number | null | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
  footer: ReactNode;
  rowHeight?: number;
}

/**
 * A table whose rows are virtual (react-virtual): only the rows in view are in the DOM, so 100,000 rows scroll like
 * 50. The next keyset page is fetched when the last loaded row comes into view. ARIA table semantics with row
 * indexes, so screen readers announce "row 12 of 300".
 */
export function VirtualTable<T>({
  label,
  rows,
  columns,
  rowKey,
  rowHref,
  total,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  footer,
  rowHeight = 52,
}: VirtualTableProps<T>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: hasNextPage ? rows.length + 1 : rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  useEffect(() => {
    if (last && last.index >= rows.length - 1 && hasNextPage && !isFetchingNextPage) fetchNextPage();
  }, [last, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const template = columns.map((column) => column.width).join(' ');
  return (
    <div className="list" style={{ ['--list-columns' as string]: template }}>
      <div role="table" aria-label={label} aria-rowcount={(total ?? rows.length) + 1} className="list__table">
        <div role="rowgroup">
          <div className="list__header" role="row" aria-rowindex={1}>
            {columns.map((column) => (
              <span key={column.id} role="columnheader">
                {column.header}
              </span>
            ))}
          </div>
        </div>
        <div ref={scrollRef} className="list__scroll" role="rowgroup">
          <div role="presentation" style={{ blockSize: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index];
              const style = { insetBlockStart: item.start, blockSize: item.size };
              if (row === undefined) {
                return (
                  <div key="loader" className="list__row" role="row" aria-rowindex={item.index + 2} style={style}>
                    <span role="cell">
                      <Skeleton width="60%" />
                      <span className="visually-hidden">{t('common.loading')}</span>
                    </span>
                  </div>
                );
              }
              return (
                <div
                  key={rowKey(row)}
                  className="list__row"
                  role="row"
                  aria-rowindex={item.index + 2}
                  style={style}
                  onClick={(event) => {
                    if (!(event.target instanceof HTMLAnchorElement)) void navigate(rowHref(row));
                  }}
                >
                  {columns.map((column) => (
                    <span key={column.id} role="cell" className="list__cell">
                      {column.cell(row)}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className="list__footer" aria-live="polite">
        <span>{footer}</span>
        {isFetchingNextPage && <span>{t('common.loading')}</span>}
      </div>
    </div>
  );
}
