import type { Middleware } from 'openapi-fetch';
import type { TokenStore } from '../auth/token-store';
import { networkProblem, parseProblem } from './problem';
import { connectivity } from './connectivity';

/** Adds the in-memory access token as a bearer token, unless the request names its own Authorization. */
export function bearerMiddleware(tokens: TokenStore): Middleware {
  return {
    onRequest({ request }) {
      const token = tokens.get();
      if (token !== null && !request.headers.has('Authorization')) {
        request.headers.set('Authorization', `Bearer ${token.value}`);
      }
      return request;
    },
  };
}

/**
 * Turns every non-2xx answer into a thrown ApiProblem and every network failure into one with status 0, so that
 * callers (React Query) see one error type, and report connectivity to the offline banner.
 */
export const problemMiddleware: Middleware = {
  async onResponse({ response }) {
    connectivity.reportReachable();
    if (!response.ok) {
      throw await parseProblem(response);
    }
    return response;
  },
  onError({ error }) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      return error;
    }
    connectivity.reportUnreachable();
    return networkProblem(error);
  },
};
