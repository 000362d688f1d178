import { useSyncExternalStore } from 'react';
import { connectivity } from '../api/connectivity';

function subscribe(onChange: () => void): () => void {
  globalThis.addEventListener('online', onChange);
  globalThis.addEventListener('offline', onChange);
  const unsubscribe = connectivity.subscribe(onChange);
  return () => {
    globalThis.removeEventListener('online', onChange);
    globalThis.removeEventListener('offline', onChange);
    unsubscribe();
  };
}

/** Offline when the browser says so, or when the last API call could not reach the server. */
export function useOnlineStatus(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => (globalThis.navigator?.onLine ?? true) && connectivity.isReachable,
    () => true,
  );
}
