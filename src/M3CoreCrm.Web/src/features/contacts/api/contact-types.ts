import type { components } from '@/api/schema';

export type Contact = components['schemas']['ContactResponse'];
export type ContactInput = components['schemas']['ContactInput'];
export type Company = components['schemas']['CompanyResponse'];
export type CompanyInput = components['schemas']['CompanyInput'];

export function contactName(contact: Pick<Contact, 'firstName' | 'lastName'>): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

export function primaryEmail(contact: Contact): string | undefined {
  return (contact.emails.find((email) => email.isPrimary) ?? contact.emails[0])?.address;
}

export function primaryPhone(contact: Contact): string | undefined {
  return (contact.phones.find((phone) => phone.isPrimary) ?? contact.phones[0])?.number;
}

export const listDefaults = { q: '', ownerId: '', sort: '-createdAt' } as const;
export const listSorts = ['-createdAt', 'createdAt', '-updatedAt', 'name', '-name'] as const;
export const SEARCH_MIN = 3;
