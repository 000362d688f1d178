import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { DebouncedTextField } from '@/components/ui/debounced-text-field';
import { Dialog } from '@/components/ui/dialog';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { isApiProblem } from '@/lib/api/problem';
import { contactName, listDefaults, type Contact } from '../api/contact-types';
import { useCompany } from '../api/use-companies';
import { useContact, useContacts } from '../api/use-contacts';
import { mergePreview } from './merge-preview';

export interface MergeContactsDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  survivor: Contact;
  busy: boolean;
  merge(otherId: string): Promise<unknown>;
}

/**
 * Merging is not undoable: the user picks the duplicate, sees both records side by side with the result the API
 * will produce (emails, phones and tags joined, empty fields filled from the duplicate), and only then confirms.
 */
export function MergeContactsDialog({ open, onOpenChange, survivor, busy, merge }: MergeContactsDialogProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [otherId, setOtherId] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const candidates = useContacts({ ...listDefaults, q });
  const other = useContact(otherId);

  useEffect(() => {
    if (open) {
      setQ('');
      setOtherId(undefined);
      setError(null);
    }
  }, [open]);

  const options = (candidates.data?.pages[0]?.items ?? []).filter((contact) => contact.id !== survivor.id).slice(0, 8);
  const survivorCompany = useCompany(survivor.companyId);
  const otherCompany = useCompany(other.data?.contact.companyId);
  const companyNames = new Map(
    [survivorCompany.data?.company, otherCompany.data?.company].filter((company) => company !== undefined).map((c) => [c.id, c.name]),
  );
  const preview = other.data ? mergePreview(survivor, other.data.contact, (id) => companyNames.get(id) ?? '…') : undefined;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('contacts.merge.title')}
      description={t('contacts.merge.description', { name: contactName(survivor) })}
      wide
    >
      {!otherId ? (
        <>
          <DebouncedTextField label={t('contacts.merge.find')} type="search" value={q} onCommit={setQ} autoFocus />
          <ul
            aria-label={t('contacts.merge.candidates')}
            style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 'var(--space-1)' }}
          >
            {options.map((contact) => (
              <li key={contact.id}>
                <button
                  type="button"
                  className="btn btn--ghost"
                  style={{ inlineSize: '100%', justifyContent: 'flex-start' }}
                  onClick={() => setOtherId(contact.id)}
                >
                  {contactName(contact)}
                  <span className="muted ltr">{contact.emails[0]?.address ?? contact.phones[0]?.number ?? ''}</span>
                </button>
              </li>
            ))}
            {candidates.isSuccess && options.length === 0 && <li className="muted">{t('contacts.merge.noCandidates')}</li>}
          </ul>
        </>
      ) : other.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : other.isError ? (
        <ProblemAlert error={other.error} />
      ) : (
        preview && (
          <div className="merge-grid" role="table" aria-label={t('contacts.merge.preview')}>
            <div role="row" style={{ display: 'contents' }}>
              <span role="columnheader" className="merge-grid__head">
                {t('contacts.merge.field')}
              </span>
              <span role="columnheader" className="merge-grid__head">
                {t('contacts.merge.keep')}
              </span>
              <span role="columnheader" className="merge-grid__head">
                {t('contacts.merge.remove')}
              </span>
              <span role="columnheader" className="merge-grid__head">
                {t('contacts.merge.result')}
              </span>
            </div>
            {preview.map((row) => (
              <div key={row.field} role="row" style={{ display: 'contents' }}>
                <span role="rowheader" className="muted">
                  {t(`contacts.fields.${row.field}`)}
                </span>
                <span role="cell">{row.survivor || '—'}</span>
                <span role="cell">{row.other || '—'}</span>
                <span role="cell" className="merge-grid__result">
                  {row.result || '—'}
                </span>
              </div>
            ))}
          </div>
        )
      )}
      {error !== null && !(isApiProblem(error) && error.status === 412) && <ProblemAlert error={error} />}
      <div className="dialog__actions">
        {otherId && <Button onClick={() => setOtherId(undefined)}>{t('contacts.merge.pickAnother')}</Button>}
        <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
        <Button
          variant="danger"
          disabled={!preview}
          busy={busy}
          onClick={() => {
            if (!otherId) return;
            setError(null);
            void merge(otherId)
              .then(() => onOpenChange(false))
              .catch(setError);
          }}
        >
          {t('contacts.merge.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
