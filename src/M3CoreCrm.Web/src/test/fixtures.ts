import type { Me } from '@/lib/auth/auth-context';

export const demoMe: Me = {
  user: {
    id: '0193a000-0000-7000-8000-000000000001',
    email: 'owner@demo.m3core.test',
    displayName: 'Olivia Owner',
    status: 'active',
    lastLoginAt: null,
  },
  tenant: {
    id: '0193a000-0000-7000-8000-0000000000aa',
    slug: 'demo',
    name: 'Demo Realty',
    defaultCurrency: 'AED',
    timeZone: 'Asia/Dubai',
  },
  roles: [{ id: '0193a000-0000-7000-8000-0000000000r1', name: 'Owner', isSystem: true }],
  permissions: [
    'leads.read',
    'leads.create',
    'leads.update',
    'leads.assign',
    'leads.convert',
    'leads.import',
    'contacts.read',
    'contacts.update',
  ].map((permission) => ({ permission, scope: 'all' as const })),
  sessionId: '0193a000-0000-7000-8000-0000000000s1',
};

/** A JSON or problem+json Response, as the API answers. */
export function apiResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}
