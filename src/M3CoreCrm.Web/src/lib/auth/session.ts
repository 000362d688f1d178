import type { components } from '@/api/schema';
import { isApiProblem } from '../api/problem';
import type { ApiClient } from '../api/client';
import type { RefreshOutcome, SignOutReason } from './auth-fetch';
import type { AccessToken, TokenStore } from './token-store';

type TokenResponse = components['schemas']['TokenResponse'];
type RefreshRequest = components['schemas']['RefreshRequest'];

/** Asks the API to keep the refresh token in an HttpOnly cookie (and to read it from there): never in JavaScript. */
export const COOKIE_MODE = { 'X-Refresh-Mode': 'cookie' } as const;

export interface Credentials {
  tenant: string;
  email: string;
  password: string;
}

export function toAccessToken(response: TokenResponse, now: number = Date.now()): AccessToken {
  return { value: response.accessToken, expiresAt: now + response.expiresIn * 1000 };
}

/** Sign-in, cookie refresh and sign-out against /api/v1/auth, on a client without the 401-refresh loop. */
export class SessionApi {
  private readonly client: ApiClient;
  private readonly tokens: TokenStore;

  constructor(client: ApiClient, tokens: TokenStore) {
    this.client = client;
    this.tokens = tokens;
  }

  async signIn(credentials: Credentials): Promise<AccessToken> {
    const { data } = await this.client.POST('/api/v1/auth/login', { body: credentials, headers: COOKIE_MODE });
    const token = toAccessToken(data!);
    this.tokens.set(token);
    return token;
  }

  /** One cookie refresh; any 401 means the session is over (reuse of a rotated token names 'reuse' in its code). */
  refresh = async (): Promise<RefreshOutcome> => {
    try {
      const { data } = await this.client.POST('/api/v1/auth/refresh', {
        // Cookie mode: the refresh token travels in the HttpOnly cookie, the body stays empty.
        body: {} as RefreshRequest,
        headers: COOKIE_MODE,
      });
      const token = toAccessToken(data!);
      this.tokens.set(token);
      return { ok: true, token };
    } catch (error) {
      this.tokens.clear();
      return { ok: false, reason: reasonOf(error) };
    }
  };

  /** Revokes this session and clears the cookie; the local session ends even if the server cannot be reached. */
  async signOut(): Promise<void> {
    try {
      await this.client.POST('/api/v1/auth/logout', { headers: COOKIE_MODE });
    } finally {
      this.tokens.clear();
    }
  }

  /** Revokes every session of the user (all devices). */
  async signOutEverywhere(): Promise<void> {
    try {
      await this.client.POST('/api/v1/auth/logout-all', { headers: COOKIE_MODE });
    } finally {
      this.tokens.clear();
    }
  }
}

export function reasonOf(error: unknown): SignOutReason {
  if (isApiProblem(error) && error.status === 401) {
    return error.code.includes('reuse') ? 'reused' : 'expired';
  }
  return 'failed';
}
