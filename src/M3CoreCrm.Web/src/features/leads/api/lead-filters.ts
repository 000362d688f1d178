import { startOfDayInZone } from '@/lib/format/zoned';

/** The list's state in the URL; an empty string means "any". */
export const leadFilterDefaults = {
  q: '',
  status: '',
  source: '',
  ownerId: '',
  tags: '',
  createdFrom: '',
  createdTo: '',
  sort: '-createdAt',
} as const;

export type LeadFilterValues = { readonly [K in keyof typeof leadFilterDefaults]: string };

export const leadSorts = ['-createdAt', 'createdAt', '-updatedAt', 'name', '-name'] as const;

/** The API's search needs 3 characters; a shorter term is not sent (and not an error). */
export const SEARCH_MIN = 3;

/**
 * The query parameters of GET /leads and /leads/export for the URL state: dates are calendar days in the tenant's
 * time zone (createdTo inclusive, hence the next day's start as the API's exclusive bound).
 */
export function leadQueryOf(values: LeadFilterValues, timeZone: string) {
  const q = values.q.trim();
  const from = values.createdFrom ? startOfDayInZone(values.createdFrom, timeZone) : undefined;
  const to = values.createdTo ? startOfDayInZone(values.createdTo, timeZone, 1) : undefined;
  return {
    ...(q.length >= SEARCH_MIN ? { q } : {}),
    ...(values.status ? { status: values.status } : {}),
    ...(values.source ? { source: values.source } : {}),
    ...(values.ownerId ? { ownerId: values.ownerId } : {}),
    ...(values.tags ? { tags: values.tags } : {}),
    ...(from ? { createdFrom: from } : {}),
    ...(to ? { createdTo: to } : {}),
  };
}
