/**
 * Runs at most one call of `task` at a time: callers that arrive while one is running share its promise. The
 * refresh of a session must happen once however many requests saw a 401 together, because the API rotates the
 * refresh token on each use and treats a second use of the old one as theft (it revokes the session).
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= task().finally(() => {
      running = null;
    });
    return running;
  };
}
