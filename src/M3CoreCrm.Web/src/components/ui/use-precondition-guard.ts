import { useCallback, useRef, useState } from 'react';
import { isApiProblem } from '@/lib/api/problem';

type Action = (etag: string | undefined) => Promise<unknown>;

/**
 * Optimistic concurrency for a record page: every change is sent with the ETag the page loaded (If-Match). A 412
 * means someone else saved first; the change is kept so that the user can either reload (drop it) or overwrite
 * (fetch the current ETag and send the same change again).
 */
export function usePreconditionGuard(refetchEtag: () => Promise<string | undefined>) {
  const pending = useRef<Action | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  // Counts resolved conflicts: open editors watch it and close, showing the record as it now is.
  const [resolved, setResolved] = useState(0);

  const run = useCallback(async <T>(action: (etag: string | undefined) => Promise<T>, etag: string | undefined): Promise<T> => {
    try {
      return await action(etag);
    } catch (error) {
      if (isApiProblem(error) && error.status === 412) {
        pending.current = action;
        setConflict(true);
      }
      throw error;
    }
  }, []);

  const reload = useCallback(async () => {
    pending.current = null;
    setConflict(false);
    await refetchEtag();
    setResolved((count) => count + 1);
  }, [refetchEtag]);

  const overwrite = useCallback(async () => {
    const action = pending.current;
    if (!action) return;
    setBusy(true);
    try {
      await action(await refetchEtag());
      pending.current = null;
      setConflict(false);
      setResolved((count) => count + 1);
    } finally {
      setBusy(false);
    }
  }, [refetchEtag]);

  const dismiss = useCallback(() => {
    pending.current = null;
    setConflict(false);
  }, []);

  return { run, conflict, busy, resolved, reload, overwrite, dismiss };
}
