import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

export function Skeleton({ width = '100%', height = 14, style }: { width?: string | number; height?: number; style?: CSSProperties }) {
  return <span className="skeleton" style={{ inlineSize: width, blockSize: height, ...style }} aria-hidden />;
}

/** Placeholder rows while a list or a record loads; announced once as "Loading". */
export function SkeletonRows({ rows = 6, columns = 4 }: { rows?: number; columns?: number }) {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      aria-live="polite"
      style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-3)', padding: 'var(--space-4)' }}
    >
      <span className="visually-hidden">{t('common.loading')}</span>
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, 1fr)`, gap: 'var(--space-4)' }}>
          {Array.from({ length: columns }, (_, column) => (
            <Skeleton key={column} width={column === 0 ? '80%' : '60%'} />
          ))}
        </div>
      ))}
    </div>
  );
}
