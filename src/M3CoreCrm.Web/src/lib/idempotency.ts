/** A fresh Idempotency-Key for a POST: a retry of the same action reuses it, so the API applies it once. */
export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
