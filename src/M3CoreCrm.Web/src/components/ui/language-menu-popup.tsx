import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Check, Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, languageNames, languages } from '@/lib/i18n/i18n';

/** The language menu itself (loaded on first use, see LanguageMenu). */
export function LanguageMenuPopup({ defaultOpen = false }: { defaultOpen?: boolean }) {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'en';
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger className="icon-btn" aria-label={t('language.menu')}>
        <Languages size={18} aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
          <DropdownMenu.Label className="menu__label">{t('language.menu')}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={current} onValueChange={(value) => isLanguage(value) && void changeLanguage(value)}>
            {languages.map((language) => (
              <DropdownMenu.RadioItem key={language} value={language} className="menu__item" lang={language}>
                {languageNames[language]}
                <DropdownMenu.ItemIndicator className="menu__indicator">
                  <Check size={16} aria-hidden />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
