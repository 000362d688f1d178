import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '@/lib/auth/auth-context';
import { activeNavItem } from '../navigation';

interface PanelLink {
  to: string;
  labelKey: string;
}

function linksOf(section: string, userId: string): PanelLink[] {
  switch (section) {
    case 'leads':
      return [
        { to: '/leads', labelKey: 'sidePanel.leads.all' },
        { to: `/leads?ownerId=${userId}`, labelKey: 'sidePanel.leads.mine' },
        { to: '/leads?status=new', labelKey: 'leads.status.new' },
        { to: '/leads?status=contacted', labelKey: 'leads.status.contacted' },
        { to: '/leads?status=qualified', labelKey: 'leads.status.qualified' },
        { to: '/leads?status=unqualified', labelKey: 'leads.status.unqualified' },
        { to: '/leads?status=converted', labelKey: 'leads.status.converted' },
      ];
    case 'contacts':
      return [
        { to: '/contacts', labelKey: 'sidePanel.contacts.contacts' },
        { to: '/companies', labelKey: 'sidePanel.contacts.companies' },
      ];
    default:
      return [];
  }
}

/** The section's own navigation (saved views), beside the activity bar; collapsible with Ctrl+B. */
export function SidePanel({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const me = useMe();
  const section = activeNavItem(pathname);
  const links = linksOf(section.id, me.user.id);
  const here = `${pathname}${search}`;
  return (
    <aside id="side-panel" className="side-panel" hidden={!open} aria-label={t('sidePanel.label', { section: t(`nav.${section.id}`) })}>
      <h2 className="side-panel__title">{t(`nav.${section.id}`)}</h2>
      {links.length === 0 ? (
        <p className="muted" style={{ paddingInline: 'var(--space-2)' }}>
          {t(`sidePanel.about.${section.id}`)}
        </p>
      ) : (
        links.map((link) => (
          <Link key={link.to} to={link.to} className="side-panel__link" aria-current={here === link.to ? 'page' : undefined}>
            {t(link.labelKey)}
          </Link>
        ))
      )}
    </aside>
  );
}
