import { Moon, Sun } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { IconButton } from './icon-button';
import { useTheme } from '@/lib/theme/theme-context';

export function ThemeToggle() {
  const { t } = useTranslation();
  const { theme, toggle } = useTheme();
  return (
    <IconButton
      label={t('theme.toggle')}
      aria-pressed={theme === 'dark'}
      icon={theme === 'dark' ? <Sun size={18} aria-hidden /> : <Moon size={18} aria-hidden />}
      onClick={toggle}
    />
  );
}
