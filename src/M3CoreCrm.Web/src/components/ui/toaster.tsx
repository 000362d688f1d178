import { lazy, Suspense, useSyncExternalStore } from 'react';
import { useOpenedOnce } from '@/lib/hooks/use-opened-once';
import { toastStore } from './toast-store';

const ToastList = lazy(async () => ({ default: (await import('./toast-list')).ToastList }));

/**
 * The toasts of the app. Radix's toast region loads with the first toast (most visits never show one), then stays
 * mounted so that later toasts are announced the same way.
 */
export function Toaster() {
  const toasts = useSyncExternalStore(toastStore.subscribe, toastStore.get, toastStore.get);
  const mounted = useOpenedOnce(toasts.length > 0);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <ToastList />
    </Suspense>
  );
}
