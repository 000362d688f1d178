import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { isApiProblem } from '@/lib/api/problem';

/**
 * Why sign-in failed, said as what it is: wrong credentials, a locked account (too many failed attempts), a rate
 * limit (too many requests from here), a suspended workspace or disabled account, or the server being unreachable.
 */
export function SignInError({ error, secondsLeft }: { error: unknown; secondsLeft: number }) {
  const { t } = useTranslation();
  if (!isApiProblem(error)) return <ProblemAlert error={error} />;

  const wait = secondsLeft > 0 ? t('signIn.retryIn', { seconds: secondsLeft }) : t('signIn.retryNow');
  let title: string;
  let detail: string;
  if (error.code === 'auth.too_many_attempts' || error.status === 423) {
    title = t('signIn.locked.title');
    detail = `${t('signIn.locked.detail')} ${wait}`;
  } else if (error.status === 429) {
    title = t('signIn.rateLimited.title');
    detail = `${t('signIn.rateLimited.detail')} ${wait}`;
  } else if (error.code === 'auth.invalid_credentials' || error.status === 401) {
    title = t('signIn.invalid.title');
    detail = t('signIn.invalid.detail');
  } else if (error.code === 'tenant.suspended') {
    title = t('signIn.suspended.title');
    detail = t('signIn.suspended.detail');
  } else if (error.code === 'auth.user_disabled') {
    title = t('signIn.disabled.title');
    detail = t('signIn.disabled.detail');
  } else {
    return <ProblemAlert error={error} />;
  }

  return (
    <div className="alert alert--error" role="alert">
      <div className="alert__body">
        <span className="alert__title">{title}</span>
        <span>{detail}</span>
        <span className="alert__meta">{t('problem.meta', { code: error.code, traceId: error.traceId ?? '—' })}</span>
      </div>
    </div>
  );
}
