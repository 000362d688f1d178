import { isApiProblem } from '@/lib/api/problem';

export interface ToastMessage {
  id: number;
  kind: 'success' | 'error' | 'info';
  title: string;
  description?: string;
  /** Problem code and trace id, for a support request. */
  meta?: string;
}

type Listener = (toasts: readonly ToastMessage[]) => void;

let nextId = 1;
let toasts: readonly ToastMessage[] = [];
const listeners = new Set<Listener>();

function publish(): void {
  for (const listener of listeners) listener(toasts);
}

export const toastStore = {
  get: () => toasts,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  push(message: Omit<ToastMessage, 'id'>): number {
    const id = nextId++;
    // At most five at once: a burst of failures must not bury the page.
    toasts = [...toasts, { ...message, id }].slice(-5);
    publish();
    return id;
  },
  dismiss(id: number): void {
    toasts = toasts.filter((toast) => toast.id !== id);
    publish();
  },
};

export function problemMeta(error: unknown): string | undefined {
  if (!isApiProblem(error)) return undefined;
  return error.traceId ? `${error.code} · ${error.traceId}` : error.code;
}
