import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { isApiProblem } from '@/lib/api/problem';
import { useAuth } from '@/lib/auth/auth-context';
import { preferences, storageKeys } from '@/lib/storage/local-storage';
import { SignInError } from './sign-in-error';
import { SignInCorner } from './sign-in-corner';
import { SessionEndedNotice } from './session-ended-notice';

export interface SignInValues {
  tenant: string;
  email: string;
  password: string;
}

type SignInErrors = Partial<Record<keyof SignInValues, string>>;

/**
 * The form's own checks, as translation keys. Three fields do not need a schema library: the sign-in page is the
 * first page anyone loads, so it stays small (zod and react-hook-form load with the forms that need them).
 */
export function validateSignIn(values: SignInValues): SignInErrors {
  const errors: SignInErrors = {};
  const tenant = values.tenant.trim();
  const email = values.email.trim();
  if (tenant === '') errors.tenant = 'signIn.errors.workspaceRequired';
  else if (tenant.length > 63) errors.tenant = 'signIn.errors.workspaceTooLong';
  if (email === '') errors.email = 'signIn.errors.emailRequired';
  else if (email.length > 254) errors.email = 'signIn.errors.emailTooLong';
  if (values.password === '') errors.password = 'signIn.errors.passwordRequired';
  else if (values.password.length > 1024) errors.password = 'signIn.errors.passwordTooLong';
  return errors;
}

const fieldOrder = ['tenant', 'email', 'password'] as const;

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
  const [values, setValues] = useState<SignInValues>({ tenant: remember, email: '', password: '' });
  const [errors, setErrors] = useState<SignInErrors>({});
  const [isSubmitting, setSubmitting] = useState(false);
  const inputs = useRef<Partial<Record<keyof SignInValues, HTMLInputElement | null>>>({});
  const setFocus = (field: keyof SignInValues) => inputs.current[field]?.focus();

  useEffect(() => {
    inputs.current[remember ? 'email' : 'tenant']?.focus();
  }, [remember]);

  // A lockout or rate limit names when to come back: count down to it.
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  if (state.status === 'signedIn') return <Navigate to={safeNext(params.get('next'))} replace />;

  const secondsLeft = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (isSubmitting) return;
    const found = validateSignIn(values);
    setErrors(found);
    const firstInvalid = fieldOrder.find((field) => found[field]);
    if (firstInvalid) {
      setFocus(firstInvalid);
      return;
    }
    setError(null);
    setSubmitting(true);
    try {
      await signIn({ tenant: values.tenant.trim(), email: values.email.trim(), password: values.password });
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (caught) {
      setError(caught);
      if (isApiProblem(caught) && caught.retryAfterSeconds) {
        setNow(Date.now());
        setWaitUntil(Date.now() + caught.retryAfterSeconds * 1000);
      }
      setFocus('password');
    } finally {
      setSubmitting(false);
    }
  };
  const register = (field: keyof SignInValues) => ({
    name: field,
    value: values[field],
    ref: (element: HTMLInputElement | null) => {
      inputs.current[field] = element;
    },
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.target.value;
      setValues((current) => ({ ...current, [field]: value }));
      if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
    },
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
            error={fieldError(errors.tenant)}
            {...register('tenant')}
          />
          <TextField
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            ltr
            error={fieldError(errors.email)}
            {...register('email')}
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            required
            error={fieldError(errors.password)}
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
