import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './empty-state';
import { PageHeader } from './page-header';

/** A section that is not built yet: its title, what it will hold, and no dead end. */
export function SectionPlaceholder({ section, icon }: { section: string; icon: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t(`nav.${section}`)} />
      <div className="card">
        <EmptyState icon={icon} title={t('placeholder.title')} text={t(`placeholder.${section}`)} />
      </div>
    </div>
  );
}
