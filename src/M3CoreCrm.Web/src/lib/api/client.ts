import createClient from 'openapi-fetch';
import type { paths } from '@/api/schema';
import type { TokenStore } from '../auth/token-store';
import { bearerMiddleware, problemMiddleware } from './middleware';

export type ApiClient = ReturnType<typeof createClient<paths>>;

export interface ApiClientOptions {
  tokens: TokenStore;
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A typed client over the generated OpenAPI schema: a changed route or shape fails `tsc`. The bearer middleware adds
 * the in-memory access token; the problem middleware throws an ApiProblem for every non-2xx answer, so `data` of a
 * call that returned is the success body.
 */
export function createApiClient({ tokens, baseUrl, fetch }: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: baseUrl ?? globalThis.location?.origin ?? 'http://localhost',
    credentials: 'same-origin',
    // Looked up at call time, not captured once: a test (or a later polyfill) can replace the global fetch.
    fetch: fetch ?? ((request: Request) => globalThis.fetch(request)),
  });
  client.use(bearerMiddleware(tokens), problemMiddleware);
  return client;
}

/** The success body of a call whose errors the problem middleware already threw. */
export function body<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    // 204 No Content and friends: callers that expect no body ask for `void`.
    return undefined as T;
  }
  return result.data;
}

/** A strong ETag of a single-record GET, for If-Match. */
export function etagOf(response: Response): string | undefined {
  return response.headers.get('ETag') ?? undefined;
}
