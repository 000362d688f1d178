import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useDebouncedValue } from '../hooks/use-debounced-value';

/** One choice of a record picker: the record's id, its name and a detail that tells equal names apart. */
export interface RecordOption {
  id: string;
  label: string;
  detail?: string | undefined;
}

const SEARCH_MIN = 3;
const LIMIT = 10;

/** The list's `Q` from what was typed: nothing below three characters (the API's minimum), so the newest show. */
function queryOf(term: string) {
  const q = term.trim();
  return { ...(q.length >= SEARCH_MIN ? { Q: q } : {}), Limit: LIMIT, Sort: '-updatedAt' };
}

/** Contacts the caller may see, matching the typed term (debounced): for pickers outside the contacts feature. */
export function useContactOptions(term: string, enabled = true) {
  const debounced = useDebouncedValue(term, 250);
  const query = queryOf(debounced);
  return useQuery({
    queryKey: ['contacts', 'options', query],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<RecordOption[]> =>
      ((await api.GET('/api/v1/contacts', { params: { query }, signal })).data?.items ?? []).map((contact) => ({
        id: contact.id,
        label: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
        detail: (contact.emails.find((email) => email.isPrimary) ?? contact.emails[0])?.address ?? contact.phones[0]?.number,
      })),
  });
}

/** Companies the caller may see, matching the typed term (debounced). */
export function useCompanyOptions(term: string, enabled = true) {
  const debounced = useDebouncedValue(term, 250);
  const query = queryOf(debounced);
  return useQuery({
    queryKey: ['companies', 'options', query],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<RecordOption[]> =>
      ((await api.GET('/api/v1/companies', { params: { query }, signal })).data?.items ?? []).map((company) => ({
        id: company.id,
        label: company.name,
        detail: company.domain ?? company.phone ?? undefined,
      })),
  });
}
