import { Briefcase, Building2, CalendarCheck, LayoutDashboard, Settings, UserPlus, Users, type LucideIcon } from 'lucide-react';

export interface NavItem {
  id: 'dashboard' | 'leads' | 'contacts' | 'deals' | 'activities' | 'inventory' | 'settings';
  path: string;
  icon: LucideIcon;
  /** The second key of the "g then key" shortcut. */
  key: string;
  /** Paths (besides `path`) that belong to this section. */
  also?: string[];
}

/** The activity bar, in order: Alt+1..7 follow this order. */
export const navItems: readonly NavItem[] = [
  { id: 'dashboard', path: '/', icon: LayoutDashboard, key: 'h' },
  { id: 'leads', path: '/leads', icon: UserPlus, key: 'l' },
  { id: 'contacts', path: '/contacts', icon: Users, key: 'c', also: ['/companies'] },
  { id: 'deals', path: '/deals', icon: Briefcase, key: 'd' },
  { id: 'activities', path: '/activities', icon: CalendarCheck, key: 'a' },
  { id: 'inventory', path: '/inventory', icon: Building2, key: 'i' },
  { id: 'settings', path: '/settings', icon: Settings, key: 's' },
];

export function activeNavItem(pathname: string): NavItem {
  const match = navItems.find(
    (item) => item.path !== '/' && [item.path, ...(item.also ?? [])].some((p) => pathname === p || pathname.startsWith(`${p}/`)),
  );
  return match ?? navItems[0]!;
}
