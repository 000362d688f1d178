import type { UseQueryResult } from '@tanstack/react-query';
import { Building, UserPlus, Users, UserCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { useMe } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/format/use-format';
import { useDashboardCounts } from '../api/use-counts';

function StatCard({ label, query, to, icon }: { label: string; query: UseQueryResult<number>; to: string; icon: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Link to={to} className="card" style={{ textDecoration: 'none', color: 'inherit' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <span className="stat__label">{label}</span>
        <span className="muted" aria-hidden>
          {icon}
        </span>
      </div>
      <div className="stat__value">
        {query.isPending ? (
          <Skeleton width={80} height={32} />
        ) : query.isError ? (
          <span className="muted">{t('dashboard.unavailable')}</span>
        ) : (
          format.number(query.data)
        )}
      </div>
    </Link>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const counts = useDashboardCounts();
  return (
    <div className="page">
      <PageHeader
        title={t('dashboard.greeting', { name: me.user.displayName })}
        subtitle={t('dashboard.today', { date: format.date(new Date()), timeZone: me.tenant.timeZone })}
      />
      <section aria-label={t('dashboard.summary')} className="stats">
        <StatCard
          label={t('dashboard.openLeads')}
          query={counts.openLeads}
          to="/leads?status=new,contacted,qualified"
          icon={<UserCheck size={20} />}
        />
        <StatCard label={t('dashboard.allLeads')} query={counts.leads} to="/leads" icon={<UserPlus size={20} />} />
        <StatCard label={t('dashboard.contacts')} query={counts.contacts} to="/contacts" icon={<Users size={20} />} />
        <StatCard label={t('dashboard.companies')} query={counts.companies} to="/companies" icon={<Building size={20} />} />
      </section>
    </div>
  );
}
