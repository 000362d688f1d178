import { CalendarCheck } from 'lucide-react';
import { SectionPlaceholder } from '@/components/ui/section-placeholder';

export function ActivitiesPage() {
  return <SectionPlaceholder section="activities" icon={<CalendarCheck size={28} />} />;
}
