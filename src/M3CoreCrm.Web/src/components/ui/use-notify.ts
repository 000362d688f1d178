import { useCallback, useMemo } from 'react';
import { problemMeta, toastStore } from './toast-store';
import { useProblemText } from './use-problem-text';

/** Toasts in one call: `notify.success(text)`, `notify.problem(error)` (with code and trace id). */
export function useNotify() {
  const describe = useProblemText();
  const problem = useCallback(
    (error: unknown, title?: string) => {
      const text = describe(error);
      const meta = problemMeta(error);
      toastStore.push({ kind: 'error', title: title ?? text.title, description: text.detail, ...(meta ? { meta } : {}) });
    },
    [describe],
  );
  return useMemo(
    () => ({
      success: (title: string, description?: string) =>
        toastStore.push({ kind: 'success', title, ...(description ? { description } : {}) }),
      info: (title: string, description?: string) => toastStore.push({ kind: 'info', title, ...(description ? { description } : {}) }),
      problem,
    }),
    [problem],
  );
}
