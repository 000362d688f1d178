import { FileUp } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useFormat } from '@/lib/format/use-format';
import type { LeadImportReport } from '../api/lead-types';
import { useImportLeads } from '../api/use-lead-transfer';

const MAX_BYTES = 20 * 1024 * 1024;

function ImportReport({ report, onNavigate }: { report: LeadImportReport; onNavigate(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-label={t('leads.import.report')} style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-3)' }}>
      <div className="alert" role="status">
        <div className="alert__body">
          <span className="alert__title">{t('leads.import.done')}</span>
          <span>
            {t('leads.import.summary', {
              rows: format.number(report.rows),
              created: format.number(report.created),
              duplicates: format.number(report.duplicates.length),
              rejected: format.number(report.rejected.length),
            })}
          </span>
        </div>
      </div>
      {report.duplicates.length > 0 && (
        <div>
          <h3 className="card__title">{t('leads.import.duplicates')}</h3>
          <ul style={{ margin: 0, paddingInlineStart: 'var(--space-5)', maxBlockSize: 160, overflow: 'auto' }}>
            {report.duplicates.slice(0, 200).map((duplicate) => (
              <li key={`${duplicate.row}-${duplicate.field}`}>
                {t('leads.import.duplicateRow', { row: duplicate.row, field: duplicate.field })}{' '}
                <Link to={`/leads/${duplicate.existingId}`} onClick={onNavigate}>
                  {t('leads.import.openExisting')}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.rejected.length > 0 && (
        <div>
          <h3 className="card__title">{t('leads.import.rejected')}</h3>
          <ul style={{ margin: 0, paddingInlineStart: 'var(--space-5)', maxBlockSize: 200, overflow: 'auto' }}>
            {report.rejected.slice(0, 200).map((rejection) => (
              <li key={rejection.row}>
                {t('leads.import.row', { row: rejection.row })}:{' '}
                {Object.entries(rejection.errors)
                  .map(([column, messages]) => `${column}: ${(messages as string[]).join(' ')}`)
                  .join('; ')}
              </li>
            ))}
          </ul>
          {report.rejected.length > 200 && <p className="muted">{t('leads.import.more', { count: report.rejected.length - 200 })}</p>}
        </div>
      )}
    </section>
  );
}

/** Upload a CSV of leads and read the API's row report: created, duplicate (with a link) and rejected rows. */
export function LeadImportDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const id = useId();
  const importLeads = useImportLeads();
  const [file, setFile] = useState<File | null>(null);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const tooLarge = file !== null && file.size > MAX_BYTES;

  // A fresh start each time the dialog opens (the mutation's identity changes every render, so it is not watched).
  useEffect(() => {
    if (open) {
      setFile(null);
      setAllowDuplicate(false);
      importLeads.reset();
    }
  }, [open]);

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('leads.import.title')} description={t('leads.import.description')}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-file`}>
          {t('leads.import.file')}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          className="field__input"
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            importLeads.reset();
          }}
        />
        <span id={`${id}-hint`} className="field__hint">
          {t('leads.import.hint')}
        </span>
        {tooLarge && (
          <span className="field__error" role="alert">
            {t('leads.import.tooLarge')}
          </span>
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={allowDuplicate} onChange={(event) => setAllowDuplicate(event.target.checked)} />
        {t('leads.import.allowDuplicate')}
      </label>
      {importLeads.isError && <ProblemAlert error={importLeads.error} />}
      {importLeads.data && <ImportReport report={importLeads.data} onNavigate={() => onOpenChange(false)} />}
      <div className="dialog__actions">
        <Button onClick={() => onOpenChange(false)}>{t('common.close')}</Button>
        <Button
          variant="primary"
          icon={<FileUp size={16} aria-hidden />}
          disabled={!file || tooLarge || importLeads.isSuccess}
          busy={importLeads.isPending}
          onClick={() => file && importLeads.mutate({ file, allowDuplicate })}
        >
          {t('leads.import.submit')}
        </Button>
      </div>
    </Dialog>
  );
}
