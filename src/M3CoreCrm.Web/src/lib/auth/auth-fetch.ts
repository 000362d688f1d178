import type { AccessToken, TokenStore } from './token-store';

/** Why a session could not be renewed: the refresh token was reused (the API revoked the session), or it expired. */
export type SignOutReason = 'reused' | 'expired' | 'failed';

export type RefreshOutcome = { ok: true; token: AccessToken } | { ok: false; reason: SignOutReason };

export interface AuthFetchOptions {
  tokens: TokenStore;
  /** Renews the access token; must be single-flight (see singleFlight). */
  refresh: () => Promise<RefreshOutcome>;
  /** Called once a refresh failed: the caller is signed out. */
  onSignedOut: (reason: SignOutReason) => void;
  fetch?: (request: Request) => Promise<Response>;
}

const AUTH_PATHS = ['/api/v1/auth/login', '/api/v1/auth/refresh'];

/**
 * A fetch for the authenticated client: on a 401 to a request that carried a bearer token it renews the session
 * once (shared by every request that failed together) and replays the request with the new token. A refresh that
 * fails signs the user out and hands back the original 401.
 */
export function createAuthFetch({ tokens, refresh, onSignedOut, fetch: baseFetch }: AuthFetchOptions) {
  const send = baseFetch ?? ((request: Request) => globalThis.fetch(request));
  return async (request: Request): Promise<Response> => {
    const used = bearerOf(request);
    // The body of a Request can be read once: keep a copy for the replay.
    const replay = used !== undefined && !isAuthPath(request.url) ? request.clone() : undefined;
    const response = await send(request);
    if (response.status !== 401 || replay === undefined) {
      return response;
    }

    const current = tokens.get()?.value;
    // The session ended while this request was in flight (a refresh failed): no second refresh, just the 401.
    if (current === undefined) {
      return response;
    }
    // Another request may already have renewed the token while this one was in flight.
    let token = current !== used ? current : undefined;
    if (token === undefined) {
      const outcome = await refresh();
      if (!outcome.ok) {
        onSignedOut(outcome.reason);
        return response;
      }
      token = outcome.token.value;
    }

    replay.headers.set('Authorization', `Bearer ${token}`);
    return send(replay);
  };
}

function bearerOf(request: Request): string | undefined {
  const header = request.headers.get('Authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function isAuthPath(url: string): boolean {
  const path = new URL(url, 'http://localhost').pathname;
  return AUTH_PATHS.includes(path);
}
