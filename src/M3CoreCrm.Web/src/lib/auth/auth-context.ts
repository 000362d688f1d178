import { createContext, useContext } from 'react';
import type { components } from '@/api/schema';
import type { SignOutReason } from './auth-fetch';
import type { Credentials } from './session';

export type Me = components['schemas']['MeResponse'];

export type AuthState = { status: 'restoring' } | { status: 'signedOut'; endedBecause?: SignOutReason } | { status: 'signedIn'; me: Me };

export interface AuthContextValue {
  state: AuthState;
  signIn(credentials: Credentials): Promise<void>;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth must be used inside <AuthProvider>.');
  return value;
}

/** The signed-in user's profile; only for components rendered behind the sign-in guard. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useMe needs a signed-in user.');
  return state.me;
}

/** Whether the user holds a permission (at any scope); the API still decides per record. */
export function hasPermission(me: Me, permission: string): boolean {
  return me.permissions.some((grant) => grant.permission === permission);
}
