import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { isApiProblem } from '@/lib/api/problem';
import { problemMeta, toastStore } from '@/components/ui/toast-store';
import { describeProblem } from '@/components/ui/use-problem-text';

/** Client errors (4xx) are answers: retrying them changes nothing. Network errors and 5xx get two more tries. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiProblem(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export interface MutationMeta extends Record<string, unknown> {
  /** The component shows the error itself (field errors, a 412 dialog, a duplicate offer): no toast. */
  handlesErrors?: boolean;
}

function toastProblem(error: unknown, title?: string): void {
  const text = describeProblem(i18next.t, error);
  const meta = problemMeta(error);
  toastStore.push({ kind: 'error', title: title ?? text.title, description: text.detail, ...(meta ? { meta } : {}) });
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A failed first load is shown in place (ProblemAlert); a failed background refresh keeps the data on
        // screen, so a toast says that it may be stale.
        if (query.state.data !== undefined) toastProblem(error, i18next.t('toast.refreshFailed'));
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if ((mutation.meta as MutationMeta | undefined)?.handlesErrors) return;
        toastProblem(error);
      },
    }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
