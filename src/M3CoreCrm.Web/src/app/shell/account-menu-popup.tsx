import * as Popover from '@radix-ui/react-popover';
import { Keyboard, LogOut, MonitorSmartphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useAuth, useMe } from '@/lib/auth/auth-context';
import { useTheme } from '@/lib/theme/theme-context';
import type { ThemePreference } from '@/lib/theme/theme';
import { initialsOf } from './initials';

/** The account popover itself (loaded on first use, see AccountMenu). */
export function AccountMenuPopup({ onShowShortcuts, defaultOpen = false }: { onShowShortcuts(): void; defaultOpen?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut, signOutEverywhere } = useAuth();
  const { preference, setPreference } = useTheme();
  const [busy, setBusy] = useState<'one' | 'all' | null>(null);
  const themes: ThemePreference[] = ['light', 'dark', 'system'];

  const run = async (which: 'one' | 'all') => {
    setBusy(which);
    try {
      await (which === 'one' ? signOut() : signOutEverywhere());
    } finally {
      setBusy(null);
    }
  };

  return (
    <Popover.Root defaultOpen={defaultOpen}>
      <Popover.Trigger className="user-button">
        <span className="avatar" aria-hidden>
          {initialsOf(me.user.displayName)}
        </span>
        <span>{me.user.displayName}</span>
        <span className="visually-hidden">{t('account.menu')}</span>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="menu" align="end" sideOffset={6} style={{ inlineSize: 300, padding: 'var(--space-3)' }}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-3)' }}>
            <div>
              <div style={{ fontWeight: 600 }}>{me.user.displayName}</div>
              <div className="muted ltr">{me.user.email}</div>
              <div className="muted">{t('account.workspace', { name: me.tenant.name, slug: me.tenant.slug })}</div>
            </div>
            <fieldset className="fieldset">
              <legend>{t('theme.label')}</legend>
              <div style={{ display: 'flex', gap: 'var(--space-3)', flexWrap: 'wrap' }}>
                {themes.map((option) => (
                  <label key={option} className="checkbox">
                    <input
                      type="radio"
                      name="theme"
                      value={option}
                      checked={preference === option}
                      onChange={() => setPreference(option)}
                    />
                    {t(`theme.${option}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <Button variant="ghost" onClick={onShowShortcuts} icon={<Keyboard size={16} aria-hidden />}>
              {t('shortcuts.title')}
            </Button>
            <Button onClick={() => void run('one')} busy={busy === 'one'} icon={<LogOut size={16} aria-hidden />}>
              {t('account.signOut')}
            </Button>
            <Button
              variant="danger"
              onClick={() => void run('all')}
              busy={busy === 'all'}
              icon={<MonitorSmartphone size={16} aria-hidden />}
            >
              {t('account.signOutEverywhere')}
            </Button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
