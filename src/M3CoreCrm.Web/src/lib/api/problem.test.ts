import { describe, expect, it } from 'vitest';
import { ApiProblem, parseProblem, parseRetryAfter } from './problem';

function problemResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

describe('parseProblem', () => {
  it('reads code, title, detail, traceId and field errors of an RFC 9457 body', async () => {
    const problem = await parseProblem(
      problemResponse(400, {
        type: 'urn:m3core:problem:validation.failed',
        title: 'One or more validation errors occurred.',
        status: 400,
        detail: 'One or more fields are invalid.',
        code: 'validation.failed',
        traceId: 'abc123',
        errors: { email: ['email must be a valid address.'], 'budget.min': ['must not be negative.'] },
      }),
    );

    expect(problem).toBeInstanceOf(ApiProblem);
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation.failed');
    expect(problem.detail).toBe('One or more fields are invalid.');
    expect(problem.traceId).toBe('abc123');
    expect(problem.errors).toEqual({ email: ['email must be a valid address.'], 'budget.min': ['must not be negative.'] });
  });

  it('keeps extensions such as the existing id of a duplicate', async () => {
    const problem = await parseProblem(
      problemResponse(409, { code: 'lead.duplicate', title: 'Conflict', existingId: '0b7c0e0e-1111-4c1e-9a55-3f1b8c1f0001' }),
    );

    expect(problem.extension('existingId')).toBe('0b7c0e0e-1111-4c1e-9a55-3f1b8c1f0001');
    expect(problem.extension('missing')).toBeUndefined();
  });

  it('reads Retry-After of a 429 in seconds', async () => {
    const problem = await parseProblem(
      problemResponse(429, { code: 'auth.too_many_attempts', title: 'Too many attempts' }, { 'Retry-After': '42' }),
    );

    expect(problem.retryAfterSeconds).toBe(42);
    expect(problem.code).toBe('auth.too_many_attempts');
  });

  it('gives a code by status when the body is not JSON (a proxy error page)', async () => {
    const problem = await parseProblem(new Response('<html>Bad gateway</html>', { status: 502 }));

    expect(problem.code).toBe('server.error');
    expect(problem.status).toBe(502);
    expect(problem.detail).toContain('Bad gateway');
  });

  it('gives a code by status for an empty body', async () => {
    const problem = await parseProblem(new Response(null, { status: 412 }));

    expect(problem.code).toBe('request.precondition_failed');
    expect(problem.errors).toEqual({});
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Mon, 07 Dec 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
