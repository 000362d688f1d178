import { useQuery } from '@tanstack/react-query';
import { api, etagOf } from '@/lib/api';
import type { Lead } from './lead-types';
import { leadKeys } from './use-leads';

export interface VersionedLead {
  lead: Lead;
  /** The strong ETag of this version, sent as If-Match with every change. */
  etag: string | undefined;
}

export async function fetchLead(id: string, signal?: AbortSignal): Promise<VersionedLead> {
  const { data, response } = await api.GET('/api/v1/leads/{id}', { params: { path: { id } }, ...(signal ? { signal } : {}) });
  return { lead: data!, etag: etagOf(response) };
}

export function useLead(id: string) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: ({ signal }) => fetchLead(id, signal) });
}
