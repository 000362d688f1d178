import { Languages } from 'lucide-react';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { DeferredPopup } from './deferred-popup';

const load = () => import('./language-menu-popup');
const LanguageMenuPopup = lazy(async () => ({ default: (await load()).LanguageMenuPopup }));

/** The UI language; Arabic turns the whole layout right to left. */
export function LanguageMenu() {
  const { t } = useTranslation();
  return (
    <DeferredPopup
      load={load}
      trigger={(props) => (
        <button type="button" className="icon-btn" aria-label={t('language.menu')} aria-haspopup="menu" aria-expanded={false} {...props}>
          <Languages size={18} aria-hidden />
        </button>
      )}
      popup={<LanguageMenuPopup defaultOpen />}
    />
  );
}
