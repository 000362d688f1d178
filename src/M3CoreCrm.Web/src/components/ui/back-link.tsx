import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** "← Back to leads": to the list a record page belongs to (the arrow mirrors in Arabic). */
export function BackLink({ to, label }: { to: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="btn btn--ghost btn--sm" style={{ alignSelf: 'flex-start' }}>
      <ArrowLeft size={16} aria-hidden className="flip-rtl" />
      {t('common.backTo', { place: label })}
    </Link>
  );
}
