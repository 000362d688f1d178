import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiProblem } from '@/lib/api/problem';
import { Button } from './button';

export interface DuplicateOfferProps {
  /** The 409 answer; its `existingId` extension is there only when the caller may read the existing record. */
  problem: ApiProblem;
  title: string;
  text: string;
  /** The existing record's page, from its id. */
  hrefOf(existingId: string): string;
  onOpenExisting(): void;
  onCreateAnyway(): void;
  busy: boolean;
}

/** A create answered "duplicate": open the existing record (when visible to the caller) or create anyway. */
export function DuplicateOffer({ problem, title, text, hrefOf, onOpenExisting, onCreateAnyway, busy }: DuplicateOfferProps) {
  const { t } = useTranslation();
  const existingId = problem.extension('existingId');
  return (
    <div className="alert alert--warning" role="alert">
      <div className="alert__body">
        <span className="alert__title">{title}</span>
        <span>{text}</span>
        <span className="alert__meta">{t('problem.meta', { code: problem.code, traceId: problem.traceId ?? '—' })}</span>
        <div className="alert__actions">
          {existingId && (
            <Link className="btn" to={hrefOf(existingId)} onClick={onOpenExisting}>
              {t('leads.form.openExisting')}
            </Link>
          )}
          <Button variant="primary" busy={busy} onClick={onCreateAnyway}>
            {t('leads.form.createAnyway')}
          </Button>
        </div>
      </div>
    </div>
  );
}
