import { useTranslation } from 'react-i18next';
import type { LeadStatus } from '../api/lead-types';

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`leads.status.${status}`)}</span>;
}
