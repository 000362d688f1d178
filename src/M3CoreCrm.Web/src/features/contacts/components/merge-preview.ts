import { contactName, type Contact } from '../api/contact-types';

export interface MergeRow {
  field: 'name' | 'email' | 'phone' | 'company' | 'tags' | 'address';
  survivor: string;
  other: string;
  result: string;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
const addressOf = (contact: Contact) =>
  contact.address ? [contact.address.line1, contact.address.city, contact.address.country].filter(Boolean).join(', ') : '';

/**
 * What the merge will produce, as the API documents it: emails, phones and tags of both (no duplicates), and the
 * kept contact's fields, filled from the other where empty. Companies show by name (`companyName`, while it loads
 * the caller's placeholder), never as ids.
 */
export function mergePreview(survivor: Contact, other: Contact, companyName: (id: string) => string = (id) => id): MergeRow[] {
  const company = (id: string | null | undefined) => (id ? companyName(id) : '');
  const emails = (c: Contact) => c.emails.map((e) => e.address.toLowerCase());
  const phones = (c: Contact) => c.phones.map((p) => p.number);
  return [
    {
      field: 'name',
      survivor: contactName(survivor),
      other: contactName(other),
      result: contactName({ firstName: survivor.firstName, lastName: survivor.lastName ?? other.lastName }),
    },
    {
      field: 'email',
      survivor: emails(survivor).join(', '),
      other: emails(other).join(', '),
      result: union(emails(survivor), emails(other)).join(', '),
    },
    {
      field: 'phone',
      survivor: phones(survivor).join(', '),
      other: phones(other).join(', '),
      result: union(phones(survivor), phones(other)).join(', '),
    },
    {
      field: 'company',
      survivor: company(survivor.companyId),
      other: company(other.companyId),
      result: company(survivor.companyId ?? other.companyId),
    },
    {
      field: 'tags',
      survivor: survivor.tags.join(', '),
      other: other.tags.join(', '),
      result: union(survivor.tags, other.tags).join(', '),
    },
    { field: 'address', survivor: addressOf(survivor), other: addressOf(other), result: addressOf(survivor) || addressOf(other) },
  ];
}
