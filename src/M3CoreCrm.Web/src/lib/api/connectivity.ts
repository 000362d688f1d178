type Listener = (reachable: boolean) => void;

/**
 * Whether the API answered the last request. navigator.onLine alone says nothing about a server that is down or a
 * captive network, so the API client reports each success and failure here; the offline banner reads both.
 */
class Connectivity {
  private reachable = true;
  private readonly listeners = new Set<Listener>();

  get isReachable(): boolean {
    return this.reachable;
  }

  reportReachable(): void {
    this.update(true);
  }

  reportUnreachable(): void {
    this.update(false);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(reachable: boolean): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    for (const listener of this.listeners) listener(reachable);
  }
}

export const connectivity = new Connectivity();
