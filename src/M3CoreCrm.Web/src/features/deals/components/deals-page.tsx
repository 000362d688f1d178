import { Briefcase } from 'lucide-react';
import { SectionPlaceholder } from '@/components/ui/section-placeholder';

export function DealsPage() {
  return <SectionPlaceholder section="deals" icon={<Briefcase size={28} />} />;
}
