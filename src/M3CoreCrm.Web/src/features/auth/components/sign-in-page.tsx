import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { isApiProblem } from '@/lib/api/problem';
import { useAuth } from '@/lib/auth/auth-context';
import { preferences, storageKeys } from '@/lib/storage/local-storage';
import { SignInError } from './sign-in-error';
import { SignInCorner } from './sign-in-corner';
import { SessionEndedNotice } from './session-ended-notice';

const schema = z.object({
  tenant: z.string().trim().min(1, 'signIn.errors.workspaceRequired').max(63, 'signIn.errors.workspaceTooLong'),
  email: z.string().trim().min(1, 'signIn.errors.emailRequired').max(254, 'signIn.errors.emailTooLong'),
  password: z.string().min(1, 'signIn.errors.passwordRequired').max(1024, 'signIn.errors.passwordTooLong'),
});

type SignInValues = z.infer<typeof schema>;

/** Only a path of this app: `next=//evil.example` must not send the user elsewhere after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { state, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const remember = preferences.get(storageKeys.tenant) ?? '';
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SignInValues>({
    resolver: zodResolver(schema),
    defaultValues: { tenant: remember, email: '', password: '' },
  });

  useEffect(() => {
    setFocus(remember ? 'email' : 'tenant');
  }, [setFocus, remember]);

  // A lockout or rate limit names when to come back: count down to it.
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  if (state.status === 'signedIn') return <Navigate to={safeNext(params.get('next'))} replace />;

  const secondsLeft = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    try {
      await signIn(values);
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(caught);
      if (isApiProblem(caught) && caught.retryAfterSeconds) {
        setNow(Date.now());
        setWaitUntil(Date.now() + caught.retryAfterSeconds * 1000);
      }
      setFocus('password');
    }
  });

  const fieldError = (message: string | undefined) => (message ? t(message) : undefined);
  return (
    <div className="sign-in">
      <SignInCorner />
      <main className="sign-in__card" aria-labelledby="sign-in-title">
        <div className="sign-in__brand">
          <span className="activity-bar__logo" aria-hidden>
            M3
          </span>
          <div>
            <h1 id="sign-in-title" className="page-title">
              {t('signIn.title')}
            </h1>
            <p className="muted">{t('signIn.subtitle')}</p>
          </div>
        </div>
        {state.status === 'signedOut' && state.endedBecause && !error && <SessionEndedNotice reason={state.endedBecause} />}
        {error !== null && <SignInError error={error} secondsLeft={secondsLeft} />}
        <form
          onSubmit={(event) => void onSubmit(event)}
          noValidate
          style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-3)' }}
        >
          <TextField
            label={t('signIn.workspace')}
            autoComplete="organization"
            autoCapitalize="none"
            spellCheck={false}
            required
            ltr
            hint={t('signIn.workspaceHint')}
            error={fieldError(errors.tenant?.message)}
            {...register('tenant')}
          />
          <TextField
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            ltr
            error={fieldError(errors.email?.message)}
            {...register('email')}
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            required
            error={fieldError(errors.password?.message)}
            {...register('password')}
          />
          <Button type="submit" variant="primary" busy={isSubmitting} disabled={secondsLeft > 0}>
            {t('signIn.submit')}
          </Button>
        </form>
      </main>
    </div>
  );
}
