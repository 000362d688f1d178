/**
 * RFC 9457 problem details as the M3Core API answers them: every error carries a stable machine `code` and the
 * `traceId` that finds the request in the server's logs. Field errors (400 validation.failed) come as
 * `errors: { field: [messages] }`.
 */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  traceId?: string;
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly traceId: string | undefined;
  readonly errors: Readonly<Record<string, readonly string[]>>;
  /** Seconds from the Retry-After header (429, 503), when the server named one. */
  readonly retryAfterSeconds: number | undefined;
  /** Every member of the body, including extensions such as `existingId`. */
  readonly body: ProblemBody;

  constructor(status: number, body: ProblemBody, retryAfterSeconds?: number) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = typeof body.code === 'string' && body.code !== '' ? body.code : defaultCode(status);
    this.title = body.title ?? `HTTP ${status}`;
    this.detail = body.detail;
    this.traceId = body.traceId;
    this.errors = normalizeErrors(body.errors);
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }

  /** A string extension of the problem (e.g. `existingId` of a duplicate). */
  extension(name: string): string | undefined {
    const value = this.body[name];
    return typeof value === 'string' ? value : undefined;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

/** The problem of a network failure (offline, DNS, connection reset): no response at all. */
export function networkProblem(cause: unknown): ApiProblem {
  const problem = new ApiProblem(0, {
    code: 'network.unreachable',
    title: 'Network error',
    detail: cause instanceof Error ? cause.message : 'The server could not be reached.',
  });
  return problem;
}

/** Reads a non-2xx response into an ApiProblem, whatever its body (problem+json, other JSON, text or nothing). */
export async function parseProblem(response: Response): Promise<ApiProblem> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  let body: ProblemBody = {};
  const text = await response.text().catch(() => '');
  if (text !== '') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        body = parsed as ProblemBody;
      }
    } catch {
      body = { detail: text.slice(0, 500) };
    }
  }
  return new ApiProblem(response.status, { status: response.status, ...body }, retryAfter);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function normalizeErrors(errors: unknown): Record<string, string[]> {
  if (errors === null || typeof errors !== 'object') return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(errors as Record<string, unknown>)) {
    if (Array.isArray(messages)) {
      result[field] = messages.filter((m): m is string => typeof m === 'string');
    } else if (typeof messages === 'string') {
      result[field] = [messages];
    }
  }
  return result;
}

function defaultCode(status: number): string {
  if (status === 0) return 'network.unreachable';
  if (status === 401) return 'auth.unauthenticated';
  if (status === 403) return 'auth.forbidden';
  if (status === 404) return 'route.not_found';
  if (status === 412) return 'request.precondition_failed';
  if (status === 429) return 'rate_limit.exceeded';
  if (status >= 500) return 'server.error';
  return 'request.failed';
}
