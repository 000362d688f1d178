import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { ChevronDown } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextareaField } from '@/components/ui/textarea-field';
import { allowedTransitions, type LeadStatus } from '../api/lead-types';

export interface LeadStatusMenuProps {
  status: LeadStatus;
  disabled?: boolean;
  busy?: boolean;
  onChange(status: LeadStatus, reason?: string): Promise<unknown>;
}

/** Offers only the transitions the API allows from the current status; unqualified asks for a reason. */
export function LeadStatusMenu({ status, disabled, busy, onChange }: LeadStatusMenuProps) {
  const { t } = useTranslation();
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState('');
  const options = allowedTransitions(status);
  if (options.length === 0) return null;

  const choose = (next: LeadStatus) => {
    if (next === 'unqualified') {
      setReason('');
      setAskReason(true);
    } else {
      void onChange(next).catch(() => undefined);
    }
  };

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild disabled={disabled}>
          <Button busy={busy} icon={<ChevronDown size={16} aria-hidden />}>
            {t('leads.detail.changeStatus')}
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
            {options.map((option) => (
              <DropdownMenu.Item key={option} className="menu__item" onSelect={() => choose(option)}>
                {t(`leads.transition.${option}`)}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Dialog
        open={askReason}
        onOpenChange={setAskReason}
        title={t('leads.detail.unqualifyTitle')}
        footer={
          <>
            <Button onClick={() => setAskReason(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              disabled={reason.trim() === ''}
              busy={busy}
              onClick={() =>
                void onChange('unqualified', reason.trim())
                  .then(() => setAskReason(false))
                  .catch(() => undefined)
              }
            >
              {t('leads.transition.unqualified')}
            </Button>
          </>
        }
      >
        <TextareaField
          label={t('leads.fields.unqualifiedReason')}
          value={reason}
          maxLength={500}
          required
          onChange={(event) => setReason(event.target.value)}
        />
      </Dialog>
    </>
  );
}
