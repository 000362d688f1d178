import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, etagOf } from '@/lib/api';
import { newIdempotencyKey } from '@/lib/idempotency';
import { SEARCH_MIN, type Contact, type ContactInput } from './contact-types';

export interface ContactFilters {
  q: string;
  ownerId: string;
  sort: string;
}

export interface VersionedContact {
  contact: Contact;
  etag: string | undefined;
}

const PAGE_SIZE = 50;

export const contactKeys = {
  list: (filters: object) => ['contacts', 'list', filters] as const,
  detail: (id: string) => ['contacts', 'detail', id] as const,
};

export function contactQueryOf(filters: ContactFilters) {
  const q = filters.q.trim();
  return { ...(q.length >= SEARCH_MIN ? { Q: q } : {}), ...(filters.ownerId ? { OwnerId: filters.ownerId } : {}), Sort: filters.sort };
}

export function useContacts(filters: ContactFilters) {
  const query = contactQueryOf(filters);
  return useInfiniteQuery({
    queryKey: contactKeys.list(query),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      (
        await api.GET('/api/v1/contacts', {
          params: { query: { ...query, Limit: PAGE_SIZE, ...(pageParam ? { Cursor: pageParam } : { IncludeTotal: true }) } },
          signal,
        })
      ).data!,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export async function fetchContact(id: string, signal?: AbortSignal): Promise<VersionedContact> {
  const { data, response } = await api.GET('/api/v1/contacts/{id}', { params: { path: { id } }, ...(signal ? { signal } : {}) });
  return { contact: data!, etag: etagOf(response) };
}

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: contactKeys.detail(id ?? ''),
    enabled: !!id,
    queryFn: ({ signal }) => fetchContact(id!, signal),
  });
}

export function useUpdateContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: async ({ patch, etag }: { patch: Partial<ContactInput>; etag: string | undefined }) => {
      const { data, response } = await api.PATCH('/api/v1/contacts/{id}', {
        params: { path: { id } },
        body: patch,
        headers: { 'Content-Type': 'application/merge-patch+json', ...(etag ? { 'If-Match': etag } : {}) },
      });
      queryClient.setQueryData<VersionedContact>(contactKeys.detail(id), { contact: data!, etag: etagOf(response) });
      void queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
      return data!;
    },
  });
}

/** Merges `otherId` into `survivorId`: the other's emails, phones and tags move over, empty fields fill, it is deleted. */
export function useMergeContacts(survivorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: async ({ otherId, etag }: { otherId: string; etag: string | undefined }) => {
      const { data, response } = await api.POST('/api/v1/contacts/{id}/merge', {
        params: { path: { id: survivorId } },
        body: { otherId },
        headers: { 'Idempotency-Key': newIdempotencyKey(), ...(etag ? { 'If-Match': etag } : {}) },
      });
      queryClient.setQueryData<VersionedContact>(contactKeys.detail(survivorId), { contact: data!, etag: etagOf(response) });
      queryClient.removeQueries({ queryKey: contactKeys.detail(otherId) });
      void queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
      return data!;
    },
  });
}

/** Creates a contact; a 409 (`contact.duplicate`) names the existing one when the caller may see it. */
export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesErrors: true },
    mutationFn: async ({ input, allowDuplicate }: { input: ContactInput; allowDuplicate: boolean }) => {
      const { data, response } = await api.POST('/api/v1/contacts', {
        params: { query: allowDuplicate ? { allowDuplicate: true } : {} },
        body: input,
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      queryClient.setQueryData<VersionedContact>(contactKeys.detail(data!.id), { contact: data!, etag: etagOf(response) });
      void queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
      return data!;
    },
  });
}
