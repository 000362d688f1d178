import { createAuthFetch } from '../auth/auth-fetch';
import { SessionApi } from '../auth/session';
import { sessionEvents } from '../auth/session-events';
import { singleFlight } from '../auth/single-flight';
import { tokenStore } from '../auth/token-store';
import { createApiClient } from './client';

/** The client of sign-in, refresh and sign-out: its 401s are answers, never a reason to refresh. */
const authClient = createApiClient({ tokens: tokenStore });

export const session = new SessionApi(authClient, tokenStore);

/** Concurrent 401s share one refresh (the API rotates refresh tokens and treats a reused one as theft). */
export const refreshSession = singleFlight(session.refresh);

/** The client every feature uses. */
export const api = createApiClient({
  tokens: tokenStore,
  fetch: createAuthFetch({
    tokens: tokenStore,
    refresh: refreshSession,
    onSignedOut: (reason) => sessionEvents.emitSignedOut(reason),
  }),
});

export { ApiProblem, isApiProblem } from './problem';
export { body, etagOf } from './client';
export type { ApiClient } from './client';
