import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { Dialog } from './dialog';

export interface ConflictDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** Discard my change and show the current record. */
  onReload(): void;
  /** Apply my change on top of the current version. */
  onOverwrite(): void;
  busy?: boolean;
}

/** A 412: someone saved the record after it was loaded here. The user chooses; nothing is lost silently. */
export function ConflictDialog({ open, onOpenChange, onReload, onOverwrite, busy }: ConflictDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('conflict.title')}
      description={t('conflict.text')}
      footer={
        <>
          <Button onClick={onReload} disabled={busy}>
            {t('conflict.reload')}
          </Button>
          <Button variant="danger" onClick={onOverwrite} busy={busy}>
            {t('conflict.overwrite')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('conflict.hint')}</p>
    </Dialog>
  );
}
