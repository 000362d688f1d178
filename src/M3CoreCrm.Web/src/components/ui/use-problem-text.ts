import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '@/lib/api/problem';

export interface ProblemText {
  title: string;
  detail: string;
}

/**
 * A translated title and detail for an error: a known code has its own text (`problem.codes.<code>`), else the
 * server's detail (English) is shown under a translated title for its status.
 */
export function describeProblem(t: TFunction, error: unknown): ProblemText {
  if (!isApiProblem(error)) {
    return {
      title: t('problem.unexpected.title'),
      detail: error instanceof Error && error.message ? error.message : t('problem.unexpected.detail'),
    };
  }
  const statusKey = `problem.status.${statusClass(error.status)}`;
  const detail = t(`problem.codes.${error.code.replaceAll('.', '_')}`, {
    defaultValue: error.detail ?? t(statusKey),
    seconds: error.retryAfterSeconds ?? 60,
  });
  return { title: t(statusKey), detail };
}

export function useProblemText(): (error: unknown) => ProblemText {
  const { t } = useTranslation();
  return useCallback((error: unknown) => describeProblem(t, error), [t]);
}

function statusClass(status: number): string {
  if (status === 0) return 'network';
  if ([400, 401, 403, 404, 409, 412, 413, 415, 422, 423, 429].includes(status)) return String(status);
  if (status >= 500) return 'server';
  return 'other';
}
