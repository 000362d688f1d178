import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth/token-store';
import { apiResponse } from '@/test/fixtures';
import { renderWithApp } from '@/test/render';
import { CompanyCreateDialog } from './company-create-dialog';
import { ContactCreateDialog } from './contact-create-dialog';

const existingId = '0193a000-0000-7000-8000-00000000c001';
const companyId = '0193a000-0000-7000-8000-00000000b001';

/** Answers users and companies lists, and POSTs to `path` with the given answers in turn. */
function stubApi(path: string, ...answers: Response[]) {
  const posts: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === '/api/v1/users')
        return apiResponse(200, { items: [], nextCursor: null, total: null });
      if (request.method === 'GET' && url.pathname === '/api/v1/companies') {
        const items =
          url.searchParams.get('Q') === 'Marina' ? [{ id: companyId, name: 'Marina Developers', domain: 'marina.example' }] : [];
        return apiResponse(200, { items, nextCursor: null, total: null });
      }
      if (request.method === 'POST' && url.pathname === path) {
        posts.push(request.clone());
        return answers.shift() ?? apiResponse(500, { code: 'server.error' });
      }
      return apiResponse(404, { code: 'route.not_found' });
    }),
  );
  return posts;
}

afterEach(() => {
  vi.unstubAllGlobals();
  tokenStore.clear();
});

describe('ContactCreateDialog', () => {
  it("puts the API's field errors on their fields: emails[0].address shows on Email", async () => {
    stubApi(
      '/api/v1/contacts',
      apiResponse(400, {
        code: 'validation.failed',
        title: 'One or more validation errors occurred.',
        errors: { 'emails[0].address': ['The email is not valid.'], firstName: ['The first name is too long.'] },
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<ContactCreateDialog open onOpenChange={() => {}} />);
    await user.type(screen.getByLabelText('First name'), 'Huda');
    await user.type(screen.getByLabelText('Email'), 'huda@example.com');

    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('The email is not valid.'));
    expect(screen.getByLabelText('First name')).toHaveAccessibleDescription('The first name is too long.');
  });

  it('links the company picked by searching, and offers "Open the existing" and "Create anyway" for a duplicate', async () => {
    const posts = stubApi(
      '/api/v1/contacts',
      apiResponse(409, { code: 'contact.duplicate', title: 'Conflict', existingId, traceId: 'trace-409' }),
      apiResponse(201, { id: '0193a000-0000-7000-8000-00000000c002', firstName: 'Huda', lastName: null, emails: [], phones: [], tags: [] }),
    );
    const user = userEvent.setup();
    renderWithApp(<ContactCreateDialog open onOpenChange={() => {}} />);
    await user.type(screen.getByLabelText('First name'), 'Huda');
    await user.type(screen.getByLabelText('Phone'), '+971501234567');
    await user.type(screen.getByRole('combobox', { name: 'Company' }), 'Marina');
    await user.click(await screen.findByRole('option', { name: /Marina Developers/ }));
    expect(screen.getByRole('combobox', { name: 'Company' })).toHaveValue('Marina Developers');

    await user.click(screen.getByRole('button', { name: 'Save' }));

    const offer = await screen.findByRole('alert');
    expect(within(offer).getByRole('link', { name: 'Open the existing' })).toHaveAttribute('href', `/contacts/${existingId}`);
    expect(offer).toHaveTextContent('contact.duplicate');
    await user.click(within(offer).getByRole('button', { name: 'Create anyway' }));

    await waitFor(() => expect(posts).toHaveLength(2));
    expect(new URL(posts[1]!.url).searchParams.get('allowDuplicate')).toBe('true');
    expect(await posts[1]!.json()).toMatchObject({
      firstName: 'Huda',
      phones: [{ number: '+971501234567', isPrimary: true }],
      companyId,
    });
  });

  it('offers only "Create anyway" when the caller may not see the existing contact (no existingId)', async () => {
    stubApi('/api/v1/contacts', apiResponse(409, { code: 'contact.duplicate', title: 'Conflict' }));
    const user = userEvent.setup();
    renderWithApp(<ContactCreateDialog open onOpenChange={() => {}} />);
    await user.type(screen.getByLabelText('First name'), 'Huda');
    await user.type(screen.getByLabelText('Email'), 'huda@example.com');

    await user.click(screen.getByRole('button', { name: 'Save' }));

    const offer = await screen.findByRole('alert');
    expect(within(offer).getByRole('button', { name: 'Create anyway' })).toBeInTheDocument();
    expect(within(offer).queryByRole('link', { name: 'Open the existing' })).not.toBeInTheDocument();
  });
});

describe('CompanyCreateDialog', () => {
  it("needs a name before sending, then shows the API's field errors on their fields", async () => {
    const posts = stubApi(
      '/api/v1/companies',
      apiResponse(400, { code: 'validation.failed', title: 'Invalid', errors: { domain: ['The domain is not valid.'] } }),
    );
    const user = userEvent.setup();
    renderWithApp(<CompanyCreateDialog open onOpenChange={() => {}} />);

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter the company name.')).toBeInTheDocument();
    expect(posts).toHaveLength(0);

    await user.type(screen.getByLabelText('Name'), 'Marina Developers');
    await user.type(screen.getByLabelText('Domain'), 'marina.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByLabelText('Domain')).toHaveAccessibleDescription('The domain is not valid.'));
    expect(await posts[0]!.json()).toMatchObject({ name: 'Marina Developers', domain: 'marina.example', tags: [] });
  });
});
