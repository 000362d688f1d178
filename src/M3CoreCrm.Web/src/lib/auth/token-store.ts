/**
 * The access token lives in memory only (never localStorage): a script injected into the page cannot read what was
 * never stored, and a reload restores the session through the HttpOnly refresh cookie instead.
 */
export interface AccessToken {
  value: string;
  /** Epoch milliseconds when the token stops being accepted. */
  expiresAt: number;
}

type Listener = (token: AccessToken | null) => void;

export class TokenStore {
  private token: AccessToken | null = null;
  private readonly listeners = new Set<Listener>();

  get(): AccessToken | null {
    return this.token;
  }

  set(token: AccessToken | null): void {
    this.token = token;
    for (const listener of this.listeners) listener(token);
  }

  clear(): void {
    this.set(null);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const tokenStore = new TokenStore();
