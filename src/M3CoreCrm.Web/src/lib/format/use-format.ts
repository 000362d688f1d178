import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-context';
import { createFormatter, type Formatter } from './formatter';

/** A formatter in the UI language, the tenant's time zone and the tenant's default currency. */
export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const { state } = useAuth();
  const tenant = state.status === 'signedIn' ? state.me.tenant : undefined;
  const timeZone = tenant?.timeZone ?? 'UTC';
  const currency = tenant?.defaultCurrency ?? 'USD';
  return useMemo(() => createFormatter({ language: i18n.language, timeZone, currency }), [i18n.language, timeZone, currency]);
}
