import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/client';
import { isApiProblem } from '../api/problem';
import { createAuthFetch, type RefreshOutcome } from './auth-fetch';
import { singleFlight } from './single-flight';
import { TokenStore } from './token-store';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });

/** A fake API: a request with token `fresh` is served; any other token gets 401. */
function fakeServer() {
  const seen: { path: string; auth: string | null; body: string }[] = [];
  const send = vi.fn(async (request: Request) => {
    const body = request.body ? await request.text() : '';
    const path = new URL(request.url).pathname;
    seen.push({ path, auth: request.headers.get('Authorization'), body });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (request.headers.get('Authorization') !== 'Bearer fresh') {
      return json(401, { code: 'auth.unauthenticated', title: 'Unauthorized', traceId: 't1' });
    }
    return json(200, { path, body });
  });
  return { send, seen };
}

function setup(refreshResult: () => Promise<RefreshOutcome>) {
  const tokens = new TokenStore();
  tokens.set({ value: 'stale', expiresAt: Date.now() + 1000 });
  const server = fakeServer();
  const refreshTask = vi.fn(async () => {
    const outcome = await refreshResult();
    // Like SessionApi.refresh: a new token on success, none on failure.
    if (outcome.ok) tokens.set(outcome.token);
    else tokens.clear();
    return outcome;
  });
  const onSignedOut = vi.fn();
  const client = createApiClient({
    tokens,
    baseUrl: 'http://crm.test',
    fetch: createAuthFetch({ tokens, refresh: singleFlight(refreshTask), onSignedOut, fetch: server.send }),
  });
  return { tokens, server, refreshTask, onSignedOut, client };
}

const fresh: RefreshOutcome = { ok: true, token: { value: 'fresh', expiresAt: Date.now() + 900_000 } };

describe('the 401 → refresh → replay flow', () => {
  it('refreshes once for many concurrent 401s and replays each request with the new token', async () => {
    const { client, refreshTask, server, onSignedOut } = setup(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return fresh;
    });

    const results = await Promise.all([
      client.GET('/api/v1/me'),
      client.GET('/api/v1/leads', { params: { query: { status: 'new' } } }),
      client.GET('/api/v1/contacts'),
      client.POST('/api/v1/leads/{id}/assign', {
        params: { path: { id: '0b7c0e0e-1111-4c1e-9a55-3f1b8c1f0001' } },
        body: { userId: '0b7c0e0e-1111-4c1e-9a55-3f1b8c1f0002' },
      }),
    ]);

    expect(refreshTask).toHaveBeenCalledTimes(1);
    expect(onSignedOut).not.toHaveBeenCalled();
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200]);
    // The replayed POST carries its body again.
    const replayedAssign = server.seen.filter((s) => s.path.endsWith('/assign') && s.auth === 'Bearer fresh');
    expect(replayedAssign).toHaveLength(1);
    expect(JSON.parse(replayedAssign[0]!.body)).toEqual({ userId: '0b7c0e0e-1111-4c1e-9a55-3f1b8c1f0002' });
  });

  it('signs out when the refresh fails, and the caller gets the 401 as an ApiProblem', async () => {
    const { client, onSignedOut, refreshTask } = setup(async () => ({ ok: false, reason: 'reused' }));

    const outcomes = await Promise.allSettled([client.GET('/api/v1/me'), client.GET('/api/v1/leads')]);

    expect(refreshTask).toHaveBeenCalledTimes(1);
    expect(onSignedOut).toHaveBeenCalledWith('reused');
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason;
      expect(isApiProblem(reason) && reason.status).toBe(401);
    }
  });

  it('replays without refreshing when another request already renewed the token', async () => {
    const { client, tokens, refreshTask } = setup(async () => fresh);
    const pending = client.GET('/api/v1/me');
    tokens.set(fresh.token); // renewed while the request was in flight

    const result = await pending;

    expect(result.response.status).toBe(200);
    expect(refreshTask).not.toHaveBeenCalled();
  });

  it('never refreshes for a 401 of the sign-in request itself', async () => {
    const { client, refreshTask } = setup(async () => fresh);

    await expect(
      client.POST('/api/v1/auth/login', { body: { tenant: 'demo', email: 'a@b.test', password: 'wrong' } }),
    ).rejects.toMatchObject({ status: 401 });
    expect(refreshTask).not.toHaveBeenCalled();
  });
});

describe('singleFlight', () => {
  it('shares one running call and starts a new one after it settled', async () => {
    let calls = 0;
    const run = singleFlight(async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return calls;
    });

    const [a, b] = await Promise.all([run(), run()]);
    const c = await run();

    expect([a, b, c]).toEqual([1, 1, 2]);
  });
});
