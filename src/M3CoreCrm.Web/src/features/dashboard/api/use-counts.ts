import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';

const one = { Limit: 1, IncludeTotal: true } as const;

/** Totals for the dashboard, from the list endpoints with includeTotal (one row each, the total is what counts). */
export function useDashboardCounts() {
  const leads = useQuery({
    queryKey: ['dashboard', 'leads'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/leads', { params: { query: one }, signal })).data?.total ?? 0,
  });
  const openLeads = useQuery({
    queryKey: ['dashboard', 'leads-open'],
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/leads', { params: { query: { ...one, status: 'new,contacted,qualified' } }, signal })).data?.total ?? 0,
  });
  const contacts = useQuery({
    queryKey: ['dashboard', 'contacts'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/contacts', { params: { query: one }, signal })).data?.total ?? 0,
  });
  const companies = useQuery({
    queryKey: ['dashboard', 'companies'],
    queryFn: async ({ signal }) => (await api.GET('/api/v1/companies', { params: { query: one }, signal })).data?.total ?? 0,
  });
  return { leads, openLeads, contacts, companies };
}
