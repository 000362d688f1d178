import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Tooltip } from '@/components/ui/tooltip';
import { activeNavItem, navItems } from '../navigation';

/** The icon column on the inline-start edge: one link per section, named for screen readers and tooltips. */
export function ActivityBar() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const active = activeNavItem(pathname);
  const side = i18n.dir() === 'rtl' ? 'left' : 'right';
  return (
    <nav className="activity-bar" aria-label={t('nav.label')}>
      <Link to="/" className="activity-bar__logo">
        <span aria-hidden>M3</span>
        <span className="visually-hidden">{t('app.name')}</span>
      </Link>
      <ul className="activity-bar__list">
        {navItems.map((item, index) => {
          const Icon = item.icon;
          const label = t(`nav.${item.id}`);
          return (
            <li key={item.id}>
              <Tooltip content={label} shortcut={`Alt+${index + 1}`} side={side}>
                <Link
                  to={item.path}
                  className="activity-bar__item"
                  aria-label={label}
                  aria-current={active.id === item.id ? 'page' : undefined}
                >
                  <Icon size={22} aria-hidden />
                </Link>
              </Tooltip>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
