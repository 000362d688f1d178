import { Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';

export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status">
      <Loader2 className="spin" size={28} aria-hidden />
      <span className="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

/** The signed-in part of the app; a visitor goes to sign-in and comes back to where they wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'restoring') return <Splash />;
  if (state.status === 'signedOut') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
