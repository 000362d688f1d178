import { Settings } from 'lucide-react';
import { SectionPlaceholder } from '@/components/ui/section-placeholder';

export function SettingsPage() {
  return <SectionPlaceholder section="settings" icon={<Settings size={28} />} />;
}
