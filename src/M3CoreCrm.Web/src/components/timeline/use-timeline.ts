import { useInfiniteQuery } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api } from '@/lib/api';

export type TimelineItem = components['schemas']['TimelineItem'];
export type TimelineEntity = 'lead' | 'contact' | 'company' | 'deal' | 'unit';

export function useTimeline(entityType: TimelineEntity, id: string) {
  return useInfiniteQuery({
    queryKey: ['timeline', entityType, id],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      (
        await api.GET('/api/v1/timeline/{entityType}/{id}', {
          params: { path: { entityType, id }, query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        })
      ).data!,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
