import { Building2 } from 'lucide-react';
import { SectionPlaceholder } from '@/components/ui/section-placeholder';

export function InventoryPage() {
  return <SectionPlaceholder section="inventory" icon={<Building2 size={28} />} />;
}
