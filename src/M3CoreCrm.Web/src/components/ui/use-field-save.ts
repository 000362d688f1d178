import { useCallback, useState } from 'react';
import { isApiProblem } from '@/lib/api/problem';
import { useNotify } from './use-notify';

/**
 * Saving one field of a record page: a 400 shows the API's messages under that field, a 412 is left to the
 * conflict dialog, anything else becomes a toast. The promise rejects on failure so the editor stays open.
 */
export function useFieldSave<P>(save: (patch: P) => Promise<unknown>) {
  const notify = useNotify();
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});

  const saveField = useCallback(
    async (field: string, patch: P) => {
      setErrors((current) => ({ ...current, [field]: undefined }));
      try {
        await save(patch);
      } catch (error) {
        if (isApiProblem(error) && error.status === 400) {
          const messages = Object.values(error.errors).flat();
          setErrors((current) => ({ ...current, [field]: (messages.length > 0 ? messages : [error.detail ?? error.title]).join(' ') }));
        } else if (!(isApiProblem(error) && error.status === 412)) {
          notify.problem(error);
        }
        throw error;
      }
    },
    [save, notify],
  );

  return { errors, saveField };
}
