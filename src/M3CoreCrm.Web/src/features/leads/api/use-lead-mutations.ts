import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, etagOf } from '@/lib/api';
import { newIdempotencyKey } from '@/lib/idempotency';
import type { ConvertLeadRequest, CreateLeadRequest, Lead, LeadEdit, LeadStatus } from './lead-types';
import type { VersionedLead } from './use-lead';
import { leadKeys } from './use-leads';

const handlesErrors = { handlesErrors: true };

/** After a change: the detail shows the answer (with its new ETag) and every list refetches. */
function useStoreLead() {
  const queryClient = useQueryClient();
  return (lead: Lead, response: Response) => {
    queryClient.setQueryData<VersionedLead>(leadKeys.detail(lead.id), { lead, etag: etagOf(response) });
    void queryClient.invalidateQueries({ queryKey: ['leads', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['timeline', 'lead', lead.id] });
  };
}

function ifMatch(etag: string | undefined): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

export function useUpdateLead(id: string) {
  const store = useStoreLead();
  return useMutation({
    meta: handlesErrors,
    mutationFn: async ({ patch, etag }: { patch: Partial<LeadEdit>; etag: string | undefined }) => {
      const { data, response } = await api.PATCH('/api/v1/leads/{id}', {
        params: { path: { id } },
        body: patch,
        headers: { 'Content-Type': 'application/merge-patch+json', ...ifMatch(etag) },
      });
      store(data!, response);
      return data!;
    },
  });
}

export function useChangeLeadStatus(id: string) {
  const store = useStoreLead();
  return useMutation({
    meta: handlesErrors,
    mutationFn: async ({ status, reason, etag }: { status: LeadStatus; reason?: string; etag: string | undefined }) => {
      const { data, response } = await api.POST('/api/v1/leads/{id}/status', {
        params: { path: { id } },
        body: { status, ...(reason ? { reason } : {}) },
        headers: { 'Idempotency-Key': newIdempotencyKey(), ...ifMatch(etag) },
      });
      store(data!, response);
      return data!;
    },
  });
}

export function useAssignLead(id: string) {
  const store = useStoreLead();
  return useMutation({
    meta: handlesErrors,
    mutationFn: async ({ userId, etag }: { userId: string; etag: string | undefined }) => {
      const { data, response } = await api.POST('/api/v1/leads/{id}/assign', {
        params: { path: { id } },
        body: { userId },
        headers: { 'Idempotency-Key': newIdempotencyKey(), ...ifMatch(etag) },
      });
      store(data!, response);
      return data!;
    },
  });
}

export function useConvertLead(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: handlesErrors,
    mutationFn: async ({
      request,
      etag,
      idempotencyKey,
    }: {
      request: ConvertLeadRequest;
      etag: string | undefined;
      idempotencyKey: string;
    }) => {
      const { data } = await api.POST('/api/v1/leads/{id}/convert', {
        params: { path: { id } },
        body: request,
        headers: { 'Idempotency-Key': idempotencyKey, ...ifMatch(etag) },
      });
      return data!;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

export function useCreateLead() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: handlesErrors,
    mutationFn: async ({ request, allowDuplicate }: { request: CreateLeadRequest; allowDuplicate: boolean }) => {
      const { data } = await api.POST('/api/v1/leads', {
        params: { query: allowDuplicate ? { allowDuplicate: true } : {} },
        body: request,
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      return data!;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['leads', 'list'] }),
  });
}
