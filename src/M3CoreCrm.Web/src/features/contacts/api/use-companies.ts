import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, etagOf } from '@/lib/api';
import { newIdempotencyKey } from '@/lib/idempotency';
import { SEARCH_MIN, type Company, type CompanyInput } from './contact-types';
import type { ContactFilters } from './use-contacts';

export interface VersionedCompany {
  company: Company;
  etag: string | undefined;
}

export const companyKeys = {
  list: (filters: object) => ['companies', 'list', filters] as const,
  detail: (id: string) => ['companies', 'detail', id] as const,
  contacts: (id: string) => ['companies', 'contacts', id] as const,
};

export function useCompanies(filters: ContactFilters) {
  const q = filters.q.trim();
  const query = {
    ...(q.length >= SEARCH_MIN ? { Q: q } : {}),
    ...(filters.ownerId ? { OwnerId: filters.ownerId } : {}),
    Sort: filters.sort,
  };
  return useInfiniteQuery({
    queryKey: companyKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      (
        await api.GET('/api/v1/companies', {
          params: { query: { ...query, Limit: 50, ...(pageParam ? { Cursor: pageParam } : { IncludeTotal: true }) } },
          signal,
        })
      ).data!,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCompany(id: string | null | undefined) {
  return useQuery({
    queryKey: companyKeys.detail(id ?? ''),
    enabled: !!id,
    queryFn: async ({ signal }): Promise<VersionedCompany> => {
      const { data, response } = await api.GET('/api/v1/companies/{id}', { params: { path: { id: id! } }, signal });
      return { company: data!, etag: etagOf(response) };
    },
  });
}

export function useCompanyContacts(id: string) {
  return useQuery({
    queryKey: companyKeys.contacts(id),
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/companies/{id}/contacts', { params: { path: { id }, query: { Limit: 50, IncludeTotal: true } }, signal }))
        .data!,
  });
}

export function useUpdateCompany(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: async ({ patch, etag }: { patch: Partial<CompanyInput>; etag: string | undefined }) => {
      const { data, response } = await api.PATCH('/api/v1/companies/{id}', {
        params: { path: { id } },
        body: patch,
        headers: { 'Content-Type': 'application/merge-patch+json', ...(etag ? { 'If-Match': etag } : {}) },
      });
      queryClient.setQueryData<VersionedCompany>(companyKeys.detail(id), { company: data!, etag: etagOf(response) });
      void queryClient.invalidateQueries({ queryKey: ['companies', 'list'] });
      return data!;
    },
  });
}

export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: async (input: CompanyInput) => {
      const { data, response } = await api.POST('/api/v1/companies', { body: input, headers: { 'Idempotency-Key': newIdempotencyKey() } });
      queryClient.setQueryData<VersionedCompany>(companyKeys.detail(data!.id), { company: data!, etag: etagOf(response) });
      void queryClient.invalidateQueries({ queryKey: ['companies', 'list'] });
      return data!;
    },
  });
}
