import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/client';
import { COOKIE_MODE, SessionApi } from './session';
import { TokenStore } from './token-store';

function respond(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
}

function setup(answer: (request: Request) => Response) {
  const tokens = new TokenStore();
  const requests: Request[] = [];
  const client = createApiClient({
    tokens,
    baseUrl: 'http://crm.test',
    fetch: vi.fn(async (request: Request) => {
      requests.push(request.clone());
      return answer(request);
    }),
  });
  return { tokens, requests, session: new SessionApi(client, tokens) };
}

describe('SessionApi (refresh cookie mode)', () => {
  it('signs in in cookie mode and keeps the access token in memory only', async () => {
    const { session, tokens, requests } = setup(() =>
      respond(200, { accessToken: 'jwt-1', refreshToken: null, expiresIn: 900, tokenType: 'Bearer' }),
    );

    await session.signIn({ tenant: 'demo', email: 'owner@demo.m3core.test', password: 'secret' });

    expect(tokens.get()?.value).toBe('jwt-1');
    expect(requests[0]!.headers.get('X-Refresh-Mode')).toBe(COOKIE_MODE['X-Refresh-Mode']);
    expect(localStorage.length).toBe(0);
  });

  it('refreshes with the cookie: header set, empty JSON body', async () => {
    const { session, tokens, requests } = setup(() =>
      respond(200, { accessToken: 'jwt-2', refreshToken: null, expiresIn: 900, tokenType: 'Bearer' }),
    );

    const outcome = await session.refresh();

    expect(outcome.ok).toBe(true);
    expect(tokens.get()?.value).toBe('jwt-2');
    expect(new URL(requests[0]!.url).pathname).toBe('/api/v1/auth/refresh');
    expect(requests[0]!.headers.get('X-Refresh-Mode')).toBe('cookie');
    expect(await requests[0]!.text()).toBe('{}');
  });

  it('reports a reused refresh token as "reused" and clears the token', async () => {
    const { session, tokens } = setup(() => respond(401, { code: 'auth.refresh_token_reused', title: 'Unauthorized' }));
    tokens.set({ value: 'old', expiresAt: 0 });

    const outcome = await session.refresh();

    expect(outcome).toEqual({ ok: false, reason: 'reused' });
    expect(tokens.get()).toBeNull();
  });

  it('reports any other 401 on refresh as an expired session', async () => {
    const { session } = setup(() => respond(401, { code: 'auth.invalid_refresh_token', title: 'Unauthorized' }));

    expect(await session.refresh()).toEqual({ ok: false, reason: 'expired' });
  });

  it('clears the token on sign-out even when the server cannot be reached', async () => {
    const tokens = new TokenStore();
    const client = createApiClient({ tokens, baseUrl: 'http://crm.test', fetch: async () => Promise.reject(new TypeError('offline')) });
    const session = new SessionApi(client, tokens);
    tokens.set({ value: 'jwt', expiresAt: Date.now() + 1000 });

    await expect(session.signOut()).rejects.toMatchObject({ code: 'network.unreachable' });
    expect(tokens.get()).toBeNull();
  });
});
