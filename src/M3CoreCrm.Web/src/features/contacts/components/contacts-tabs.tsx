import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Contacts and companies share one section of the activity bar. */
export function ContactsTabs() {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('nav.contacts')}>
      <NavLink to="/contacts" end className="tabs__tab">
        {t('contacts.tabs.contacts')}
      </NavLink>
      <NavLink to="/companies" end className="tabs__tab">
        {t('contacts.tabs.companies')}
      </NavLink>
    </nav>
  );
}
