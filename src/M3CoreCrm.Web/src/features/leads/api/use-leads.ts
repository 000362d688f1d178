import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';
import { leadQueryOf, type LeadFilterValues } from './lead-filters';

const PAGE_SIZE = 50;

export const leadKeys = {
  all: ['leads'] as const,
  list: (query: object, sort: string) => ['leads', 'list', query, sort] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
};

/** The lead list on keyset cursors: each page asks for the next one with the previous page's nextCursor. */
export function useLeads(values: LeadFilterValues, timeZone: string) {
  const query = leadQueryOf(values, timeZone);
  return useInfiniteQuery({
    queryKey: leadKeys.list(query, values.sort),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      (
        await api.GET('/api/v1/leads', {
          params: {
            query: {
              ...query,
              Limit: PAGE_SIZE,
              Sort: values.sort,
              // The total costs a count: ask for it once, with the first page.
              ...(pageParam ? { Cursor: pageParam } : { IncludeTotal: true }),
            },
          },
          signal,
        })
      ).data!,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
