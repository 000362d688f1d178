import { useTranslation } from 'react-i18next';
import type { SignOutReason } from '@/lib/auth/auth-fetch';

/** Why the user is back at sign-in: a reused refresh token (the API revoked the session) or an expired session. */
export function SessionEndedNotice({ reason }: { reason: SignOutReason }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--warning" role="status">
      <div className="alert__body">
        <span className="alert__title">{t(`signIn.ended.${reason}.title`)}</span>
        <span>{t(`signIn.ended.${reason}.detail`)}</span>
      </div>
    </div>
  );
}
