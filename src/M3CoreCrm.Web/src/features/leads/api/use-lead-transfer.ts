import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api';
import { fileNameOf, saveBlob } from '@/lib/download';
import { newIdempotencyKey } from '@/lib/idempotency';
import type { leadQueryOf } from './lead-filters';

/** CSV export of the current filter and sort, through the authenticated client (bearer), saved as a file. */
export function useExportLeads() {
  return useMutation({
    mutationFn: async ({ query, sort }: { query: ReturnType<typeof leadQueryOf>; sort: string }) => {
      const { data, response } = await api.GET('/api/v1/leads/export', {
        params: { query: { ...query, sort } },
        parseAs: 'blob',
      });
      const stamp = new Date().toISOString().slice(0, 10);
      saveBlob(data as Blob, fileNameOf(response.headers.get('Content-Disposition'), `leads-${stamp}.csv`));
    },
  });
}

/** CSV import: the file goes as a text/csv body; the answer is the per-row report. */
export function useImportLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    // The dialog shows the problem in place.
    meta: { handlesErrors: true },
    mutationFn: async ({ file, allowDuplicate }: { file: File; allowDuplicate: boolean }) => {
      const { data } = await api.POST('/api/v1/leads/import', {
        params: { query: allowDuplicate ? { allowDuplicate: true } : {} },
        body: await file.text(),
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'text/csv', 'Idempotency-Key': newIdempotencyKey() },
      });
      return data!;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['leads'] }),
  });
}
