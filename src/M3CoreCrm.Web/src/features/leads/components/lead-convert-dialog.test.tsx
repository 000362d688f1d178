import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiResponse } from '@/test/fixtures';
import { renderWithApp } from '@/test/render';
import type { Lead } from '../api/lead-types';
import { LeadConvertDialog, type LeadConvertDialogProps } from './lead-convert-dialog';

const contactId = '0193a000-0000-7000-8000-00000000c001';
const companyId = '0193a000-0000-7000-8000-00000000b001';

const lead: Lead = {
  id: '0193a000-0000-7000-8000-00000000a001',
  firstName: 'Omar',
  lastName: 'Saleh',
  fullName: 'Omar Saleh',
  email: 'omar@example.com',
  phone: null,
  source: 'website',
  status: 'qualified',
  unqualifiedReason: null,
  budget: null,
  interest: null,
  notes: null,
  tags: [],
  ownerId: null,
  assignedAt: null,
  conversion: null,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
};

/** Contacts and companies answer a search for "Saleh" / "Marina"; pipelines are empty. */
function stubApi() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const q = url.searchParams.get('Q');
      if (url.pathname === '/api/v1/contacts') {
        const items =
          q === 'Saleh'
            ? [
                {
                  id: contactId,
                  firstName: 'Omar',
                  lastName: 'Saleh',
                  emails: [{ address: 'omar@old.example', isPrimary: true }],
                  phones: [],
                },
              ]
            : [];
        return apiResponse(200, { items, nextCursor: null, total: null });
      }
      if (url.pathname === '/api/v1/companies') {
        const items = q === 'Marina' ? [{ id: companyId, name: 'Marina Developers', domain: 'marina.example' }] : [];
        return apiResponse(200, { items, nextCursor: null, total: null });
      }
      if (url.pathname === '/api/v1/pipelines') return apiResponse(200, { items: [], nextCursor: null, total: null });
      return apiResponse(404, { code: 'route.not_found' });
    }),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('LeadConvertDialog', () => {
  it('links an existing contact and an existing company picked by searching', async () => {
    stubApi();
    const convert = vi.fn<LeadConvertDialogProps['convert']>(async () => ({
      lead,
      contactId,
      companyId,
      dealId: null,
      contactCreated: false,
      companyCreated: false,
    }));
    const user = userEvent.setup();
    renderWithApp(
      <LeadConvertDialog
        open
        onOpenChange={() => {}}
        lead={lead}
        defaultCurrency="AED"
        busy={false}
        convert={convert}
        onConverted={() => {}}
      />,
    );
    await user.click(screen.getByRole('checkbox', { name: 'Open a deal' }));

    await user.click(screen.getByRole('radio', { name: 'Existing contact' }));
    expect(screen.getByRole('button', { name: 'Convert' })).toBeDisabled();
    await user.type(screen.getByRole('combobox', { name: 'Contact to link' }), 'Saleh');
    await user.click(await screen.findByRole('option', { name: /Omar Saleh/ }));

    await user.click(screen.getByRole('checkbox', { name: 'Add a company' }));
    await user.click(screen.getByRole('radio', { name: 'Existing company' }));
    const companyBox = screen.getByRole('combobox', { name: 'Company to link' });
    await user.type(companyBox, 'Marina');
    await screen.findByRole('option', { name: /Marina Developers/ });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(companyBox).toHaveValue('Marina Developers');

    await user.click(screen.getByRole('button', { name: 'Convert' }));

    await waitFor(() => expect(convert).toHaveBeenCalled());
    expect(convert.mock.calls[0]![0]).toEqual({
      contact: { existingContactId: contactId },
      company: { existingCompanyId: companyId },
      deal: null,
    });
  });
});
