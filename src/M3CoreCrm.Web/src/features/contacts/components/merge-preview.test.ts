import { describe, expect, it } from 'vitest';
import type { Contact } from '../api/contact-types';
import { mergePreview } from './merge-preview';

const base: Contact = {
  id: 'a',
  firstName: 'Layla',
  lastName: null,
  emails: [{ address: 'layla@example.com', label: 'work', isPrimary: true }],
  phones: [],
  companyId: null,
  address: null,
  sourceLeadId: null,
  ownerId: null,
  tags: ['vip'],
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
};

describe('mergePreview', () => {
  it('joins emails, phones and tags without duplicates and fills empty fields from the duplicate', () => {
    const other: Contact = {
      ...base,
      id: 'b',
      lastName: 'Kapoor',
      emails: [
        { address: 'Layla@example.com', label: 'work', isPrimary: true },
        { address: 'l.kapoor@home.test', label: 'personal', isPrimary: false },
      ],
      phones: [{ number: '+971501234567', label: 'mobile', isPrimary: true }],
      companyId: 'company-1',
      tags: ['vip', 'investor'],
    };

    const names: Record<string, string> = { 'company-1': 'Marina Developers' };
    const preview = mergePreview(base, other, (id) => names[id] ?? '…');
    const rows = Object.fromEntries(preview.map((row) => [row.field, row.result]));

    expect(rows).toEqual({
      name: 'Layla Kapoor',
      email: 'layla@example.com, l.kapoor@home.test',
      phone: '+971501234567',
      company: 'Marina Developers',
      tags: 'vip, investor',
      address: '',
    });
    expect(preview.find((row) => row.field === 'company')).toMatchObject({ survivor: '', other: 'Marina Developers' });
  });
});
