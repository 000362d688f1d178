import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <EmptyState
        icon={<Compass size={28} />}
        title={t('notFound.title')}
        text={t('notFound.text')}
        action={
          <Link className="btn btn--primary" to="/">
            {t('notFound.home')}
          </Link>
        }
      />
    </div>
  );
}
