import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from './back-link';
import { Button } from './button';
import { ConflictDialog } from './conflict-dialog';
import { PageHeader } from './page-header';
import { ProblemAlert } from './problem-alert';
import { SkeletonRows } from './skeleton';
import { useNotify } from './use-notify';

/** The record's query, as a record page needs it: loading, failed (with a retry), or loaded. */
export interface RecordQueryState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch(): unknown;
}

/** The edit-conflict choice of the page (usePreconditionGuard's state and actions). */
export interface RecordConflictGuard {
  conflict: boolean;
  busy: boolean;
  reload(): Promise<void>;
  overwrite(): Promise<void>;
  dismiss(): void;
}

export interface RecordDetailLayoutProps {
  query: RecordQueryState;
  /** The list the record belongs to: its path and name ("Leads"). */
  back: { to: string; label: string };
  guard: RecordConflictGuard;
  /** Everything below needs the loaded record: rendered only once it is there. */
  render(): {
    title: ReactNode;
    subtitle?: ReactNode;
    actions?: ReactNode;
    /** Notices between the header and the columns (a conversion, a reason). */
    notices?: ReactNode;
    main: ReactNode;
    aside: ReactNode;
    /** The page's own dialogs (merge, convert). */
    dialogs?: ReactNode;
  };
}

/**
 * The frame of every record page (lead, contact, company): back link, a skeleton while loading, the problem with
 * "Try again" when loading failed, the header, two columns (fields; relations and timeline), and the Reload /
 * Overwrite choice of an edit conflict (412).
 */
export function RecordDetailLayout({ query, back, guard, render }: RecordDetailLayoutProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  if (query.isPending) {
    return (
      <div className="page">
        <SkeletonRows rows={8} columns={2} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="page">
        <BackLink to={back.to} label={back.label} />
        <ProblemAlert error={query.error} actions={<Button onClick={() => void query.refetch()}>{t('common.tryAgain')}</Button>} />
      </div>
    );
  }
  const parts = render();
  return (
    <div className="page">
      <BackLink to={back.to} label={back.label} />
      <PageHeader title={parts.title} subtitle={parts.subtitle} actions={parts.actions} />
      {parts.notices}
      <div className="detail">
        <div className="detail__column">{parts.main}</div>
        <div className="detail__column">{parts.aside}</div>
      </div>
      {parts.dialogs}
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
