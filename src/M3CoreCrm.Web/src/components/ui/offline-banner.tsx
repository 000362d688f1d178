import { WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useOnlineStatus } from '@/lib/hooks/use-online-status';

export function OfflineBanner() {
  const { t } = useTranslation();
  const online = useOnlineStatus();
  if (online) return null;
  return (
    <div className="banner" role="status" aria-live="polite">
      <WifiOff size={16} aria-hidden />
      {t('offline.banner')}
    </div>
  );
}
