import { RotateCcw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { ProblemAlert } from './problem-alert';

/** What a failed view shows: the error with its code and trace id, and a way to try again. */
export function ErrorFallback({ error, reset }: { error: unknown; reset: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <ProblemAlert
        error={error}
        title={t('errorBoundary.title')}
        actions={
          <>
            <Button onClick={reset} icon={<RotateCcw size={16} aria-hidden />}>
              {t('common.tryAgain')}
            </Button>
            <Button variant="ghost" onClick={() => window.location.reload()}>
              {t('errorBoundary.reloadPage')}
            </Button>
          </>
        }
      />
    </div>
  );
}
