import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, refreshSession, session } from '../api';
import { preferences, storageKeys } from '../storage/local-storage';
import { AuthContext, type AuthContextValue, type AuthState, type Me } from './auth-context';
import type { SignOutReason } from './auth-fetch';
import { sessionEvents } from './session-events';
import type { Credentials } from './session';
import { tokenStore } from './token-store';

/** Renew the access token this long before it expires, so that requests rarely meet a 401 at all. */
const RENEW_AHEAD_MS = 60_000;

async function loadMe(): Promise<Me> {
  const { data } = await api.GET('/api/v1/me');
  return data!;
}

/**
 * The session: on start one cookie refresh restores a session after a reload; sign-in keeps the access token in
 * memory; a refresh that fails anywhere (see createAuthFetch) signs out with its reason.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'restoring' });
  const queryClient = useQueryClient();
  const started = useRef(false);

  const endSession = useCallback(
    (endedBecause?: SignOutReason) => {
      tokenStore.clear();
      queryClient.clear();
      setState(endedBecause ? { status: 'signedOut', endedBecause } : { status: 'signedOut' });
    },
    [queryClient],
  );

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      const outcome = await refreshSession();
      if (!outcome.ok) {
        setState({ status: 'signedOut' });
        return;
      }
      try {
        setState({ status: 'signedIn', me: await loadMe() });
      } catch {
        setState({ status: 'signedOut' });
      }
    })();
  }, []);

  useEffect(() => sessionEvents.onSignedOut((reason) => endSession(reason)), [endSession]);

  // Renew ahead of expiry while signed in.
  useEffect(() => {
    if (state.status !== 'signedIn') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      const token = tokenStore.get();
      if (token === null) return;
      const delay = Math.max(5_000, token.expiresAt - Date.now() - RENEW_AHEAD_MS);
      timer = setTimeout(() => {
        void refreshSession().then((outcome) => {
          if (!outcome.ok) sessionEvents.emitSignedOut(outcome.reason);
        });
      }, delay);
    };
    schedule();
    const unsubscribe = tokenStore.subscribe(schedule);
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [state.status]);

  const signIn = useCallback(async (credentials: Credentials) => {
    await session.signIn(credentials);
    preferences.set(storageKeys.tenant, credentials.tenant);
    setState({ status: 'signedIn', me: await loadMe() });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await session.signOut();
    } finally {
      endSession();
    }
  }, [endSession]);

  const signOutEverywhere = useCallback(async () => {
    try {
      await session.signOutEverywhere();
    } finally {
      endSession();
    }
  }, [endSession]);

  const value = useMemo<AuthContextValue>(
    () => ({ state, signIn, signOut, signOutEverywhere }),
    [state, signIn, signOut, signOutEverywhere],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
