import { AlertTriangle } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '@/lib/api/problem';
import { useProblemText } from './use-problem-text';

export interface ProblemAlertProps {
  error: unknown;
  title?: string;
  actions?: ReactNode;
}

/** An API error in place of the content it stopped: what happened, its code and trace id for support. */
export function ProblemAlert({ error, title, actions }: ProblemAlertProps) {
  const { t } = useTranslation();
  const describe = useProblemText();
  const text = describe(error);
  return (
    <div className="alert alert--error" role="alert">
      <AlertTriangle size={20} aria-hidden />
      <div className="alert__body">
        <span className="alert__title">{title ?? text.title}</span>
        <span>{text.detail}</span>
        {isApiProblem(error) && (
          <span className="alert__meta">{t('problem.meta', { code: error.code, traceId: error.traceId ?? '—' })}</span>
        )}
        {actions && <div className="alert__actions">{actions}</div>}
      </div>
    </div>
  );
}
