import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { components } from '@/api/schema';
import { api } from '../api';

export type User = components['schemas']['UserResponse'];

/** The tenant's active users (owner pickers, owner names in lists); at most one page of 200. */
export function useUsers() {
  const query = useQuery({
    queryKey: ['users', 'active'],
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/users', { params: { query: { Status: 'active', Limit: 200, Sort: 'displayName' } }, signal })).data?.items ??
      [],
    staleTime: 5 * 60_000,
    // A user without users.read still sees lists: owners then show as "Unassigned"/unknown.
    retry: false,
  });
  const byId = useMemo(() => new Map((query.data ?? []).map((user) => [user.id, user])), [query.data]);
  return { ...query, users: query.data ?? [], byId };
}
