import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api';

/** Pipelines with their stages, for the deal part of a conversion. */
export function usePipelines(enabled: boolean) {
  return useQuery({
    queryKey: ['pipelines'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => (await api.GET('/api/v1/pipelines', { params: { query: { Limit: 50 } }, signal })).data?.items ?? [],
  });
}
