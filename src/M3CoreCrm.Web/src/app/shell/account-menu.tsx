import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { DeferredPopup } from '@/components/ui/deferred-popup';
import { useMe } from '@/lib/auth/auth-context';
import { initialsOf } from './initials';

const load = () => import('./account-menu-popup');
const AccountMenuPopup = lazy(async () => ({ default: (await load()).AccountMenuPopup }));

/** The current user and tenant, the theme choice, and signing out (here or on every device). */
export function AccountMenu({ onShowShortcuts }: { onShowShortcuts(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <DeferredPopup
      load={load}
      trigger={(props) => (
        <button type="button" className="user-button" aria-haspopup="dialog" aria-expanded={false} {...props}>
          <span className="avatar" aria-hidden>
            {initialsOf(me.user.displayName)}
          </span>
          <span>{me.user.displayName}</span>
          <span className="visually-hidden">{t('account.menu')}</span>
        </button>
      )}
      popup={<AccountMenuPopup onShowShortcuts={onShowShortcuts} defaultOpen />}
    />
  );
}
