import type { components } from '@/api/schema';

export type Lead = components['schemas']['LeadResponse'];
export type LeadStatus = components['schemas']['LeadStatus'];
export type LeadSource = components['schemas']['LeadSource'];
export type CreateLeadRequest = components['schemas']['CreateLeadRequest'];
export type LeadEdit = components['schemas']['LeadEdit'];
export type LeadImportReport = components['schemas']['LeadImportReport'];
export type ConvertLeadRequest = components['schemas']['ConvertLeadRequest'];
export type ConvertLeadResponse = components['schemas']['ConvertLeadResponse'];

export const leadStatuses: readonly LeadStatus[] = ['new', 'contacted', 'qualified', 'converted', 'unqualified'];
export const leadSources: readonly LeadSource[] = ['website', 'portal', 'referral', 'walkIn', 'campaign', 'social', 'other'];

/**
 * The transitions the API allows (ChangeLeadStatus): converted is reached only through conversion, and an
 * unqualified lead can be reopened.
 */
const transitions: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'qualified', 'unqualified'],
  contacted: ['qualified', 'unqualified'],
  qualified: ['unqualified'],
  unqualified: ['new', 'contacted'],
  converted: [],
};

export function allowedTransitions(status: LeadStatus): readonly LeadStatus[] {
  return transitions[status];
}

/** Open leads (new, contacted, qualified) can be converted. */
export function canConvert(status: LeadStatus): boolean {
  return status === 'new' || status === 'contacted' || status === 'qualified';
}
