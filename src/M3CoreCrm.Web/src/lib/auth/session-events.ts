import type { SignOutReason } from './auth-fetch';

type Listener = (reason: SignOutReason) => void;

/** Tells the UI that the session ended underneath it (a refresh failed), so it can show why and go to sign-in. */
class SessionEvents {
  private readonly listeners = new Set<Listener>();

  emitSignedOut(reason: SignOutReason): void {
    for (const listener of this.listeners) listener(reason);
  }

  onSignedOut(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const sessionEvents = new SessionEvents();
