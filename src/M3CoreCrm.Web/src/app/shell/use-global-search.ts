import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';

export interface SearchHit {
  kind: 'lead' | 'contact' | 'company';
  id: string;
  title: string;
  subtitle: string;
  href: string;
}

export interface SearchGroups {
  lead: SearchHit[];
  contact: SearchHit[];
  company: SearchHit[];
}

/** The API's search needs at least 3 characters (trigram index). */
export const SEARCH_MIN = 3;
const PER_GROUP = 5;

async function searchAll(q: string, signal: AbortSignal): Promise<SearchGroups> {
  const [leads, contacts, companies] = await Promise.all([
    api.GET('/api/v1/leads', { params: { query: { q, Limit: PER_GROUP } }, signal }),
    api.GET('/api/v1/contacts', { params: { query: { Q: q, Limit: PER_GROUP } }, signal }),
    api.GET('/api/v1/companies', { params: { query: { Q: q, Limit: PER_GROUP } }, signal }),
  ]);
  return {
    lead: (leads.data?.items ?? []).map((lead) => ({
      kind: 'lead',
      id: lead.id,
      title: lead.fullName,
      subtitle: lead.email ?? lead.phone ?? '',
      href: `/leads/${lead.id}`,
    })),
    contact: (contacts.data?.items ?? []).map((contact) => ({
      kind: 'contact',
      id: contact.id,
      title: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
      subtitle: contact.emails[0]?.address ?? contact.phones[0]?.number ?? '',
      href: `/contacts/${contact.id}`,
    })),
    company: (companies.data?.items ?? []).map((company) => ({
      kind: 'company',
      id: company.id,
      title: company.name,
      subtitle: company.domain ?? company.phone ?? '',
      href: `/companies/${company.id}`,
    })),
  };
}

export function useGlobalSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['global-search', term],
    queryFn: ({ signal }) => searchAll(term, signal),
    enabled: term.length >= SEARCH_MIN,
    staleTime: 15_000,
    placeholderData: (previous) => previous,
  });
}
