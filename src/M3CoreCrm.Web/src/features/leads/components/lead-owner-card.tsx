import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useUsers } from '@/lib/directory/use-users';
import { useFormat } from '@/lib/format/use-format';
import type { Lead } from '../api/lead-types';

export interface LeadOwnerCardProps {
  lead: Lead;
  canAssign: boolean;
  busy: boolean;
  onAssign(userId: string): Promise<unknown>;
}

/** Who owns the lead, since when, and (with leads.assign) a picker to hand it to someone else. */
export function LeadOwnerCard({ lead, canAssign, busy, onAssign }: LeadOwnerCardProps) {
  const { t } = useTranslation();
  const id = useId();
  const format = useFormat();
  const { users, byId, isError } = useUsers();
  const [choice, setChoice] = useState('');
  const owner = lead.ownerId ? byId.get(lead.ownerId) : undefined;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {t('leads.detail.owner')}
      </h2>
      <p>
        {owner?.displayName ??
          (lead.ownerId ? <span className="mono">{lead.ownerId}</span> : <span className="muted">{t('common.unassigned')}</span>)}
      </p>
      {lead.assignedAt && <p className="muted">{t('leads.detail.assignedAt', { date: format.dateTime(lead.assignedAt) })}</p>}
      {canAssign && !isError && (
        <form
          style={{ display: 'flex', gap: 'var(--space-2)', alignItems: 'flex-end', marginBlockStart: 'var(--space-3)' }}
          onSubmit={(event) => {
            event.preventDefault();
            if (choice)
              void onAssign(choice)
                .then(() => setChoice(''))
                .catch(() => undefined);
          }}
        >
          <div className="field" style={{ flex: 1 }}>
            <label className="field__label" htmlFor={`${id}-owner`}>
              {t('leads.detail.assignTo')}
            </label>
            <select id={`${id}-owner`} className="select" value={choice} onChange={(event) => setChoice(event.target.value)}>
              <option value="">{t('leads.detail.pickUser')}</option>
              {users
                .filter((user) => user.id !== lead.ownerId)
                .map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.displayName}
                  </option>
                ))}
            </select>
          </div>
          <Button type="submit" disabled={!choice} busy={busy}>
            {t('leads.detail.assign')}
          </Button>
        </form>
      )}
    </section>
  );
}
