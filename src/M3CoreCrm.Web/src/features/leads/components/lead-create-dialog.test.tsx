import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '@/lib/auth/token-store';
import { apiResponse } from '@/test/fixtures';
import { renderWithApp } from '@/test/render';
import { LeadCreateDialog } from './lead-create-dialog';

const existingId = '0193a000-0000-7000-8000-00000000e001';

/** Answers the users list with nothing and POST /leads with the given answers in turn. */
function stubApi(...answers: Response[]) {
  const posts: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === '/api/v1/users')
        return apiResponse(200, { items: [], nextCursor: null, total: null });
      if (request.method === 'POST' && url.pathname === '/api/v1/leads') {
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

async function fillMinimal(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('First name'), 'Layla');
  await user.type(screen.getByLabelText('Email'), 'layla@example.com');
  await user.type(screen.getByLabelText('Budget from'), '-5');
}

describe('LeadCreateDialog', () => {
  it('checks the form before sending: a required name and an email or phone', async () => {
    const posts = stubApi();
    const user = userEvent.setup();
    renderWithApp(<LeadCreateDialog open onOpenChange={() => {}} />);

    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Enter a first name.')).toBeInTheDocument();
    expect(screen.getByText('Enter an email or a phone number.')).toBeInTheDocument();
    expect(posts).toHaveLength(0);
  });

  it("puts the API's field errors (400 validation.failed) on their fields", async () => {
    stubApi(
      apiResponse(400, {
        code: 'validation.failed',
        title: 'One or more validation errors occurred.',
        traceId: 'trace-400',
        errors: {
          email: ['email is already used by a contact.'],
          'budget.min': ['budget.min must not be negative.'],
          'tags[0]': ['A tag is 1 to 50 letters.'],
        },
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<LeadCreateDialog open onOpenChange={() => {}} />);
    // Values the client accepts and the server refuses.
    await user.type(screen.getByLabelText('First name'), 'Layla');
    await user.type(screen.getByLabelText('Email'), 'layla@example.com');
    await user.type(screen.getByLabelText('Budget from'), '100');
    await user.type(screen.getByLabelText('Tags'), 'bad!tag');

    await user.click(screen.getByRole('button', { name: 'Save' }));

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('email is already used by a contact.');
    expect(screen.getByLabelText('Budget from')).toHaveAccessibleDescription('budget.min must not be negative.');
    expect(screen.getByLabelText('Tags')).toHaveAccessibleDescription(expect.stringContaining('A tag is 1 to 50 letters.'));
  });

  it('offers "Open the existing" and "Create anyway" for a duplicate (409 with existingId)', async () => {
    const posts = stubApi(
      apiResponse(409, { code: 'lead.duplicate', title: 'Conflict', existingId, traceId: 'trace-409' }),
      apiResponse(201, { id: '0193a000-0000-7000-8000-00000000e002', fullName: 'Layla' }),
    );
    const user = userEvent.setup();
    renderWithApp(<LeadCreateDialog open onOpenChange={() => {}} />);
    await user.type(screen.getByLabelText('First name'), 'Layla');
    await user.type(screen.getByLabelText('Email'), 'layla@example.com');

    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('link', { name: 'Open the existing' })).toHaveAttribute('href', `/leads/${existingId}`);
    expect(screen.getByText(/lead\.duplicate/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create anyway' }));

    await waitFor(() => expect(posts).toHaveLength(2));
    expect(new URL(posts[1]!.url).searchParams.get('allowDuplicate')).toBe('true');
    expect(posts[1]!.headers.get('Idempotency-Key')).toBeTruthy();
    expect(await posts[1]!.json()).toMatchObject({ firstName: 'Layla', email: 'layla@example.com' });
  });

  it('rejects a negative budget on the client', async () => {
    stubApi();
    const user = userEvent.setup();
    renderWithApp(<LeadCreateDialog open onOpenChange={() => {}} />);
    await fillMinimal(user);

    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Enter an amount such as 1500000 or 1500000.50.')).toBeInTheDocument();
  });
});
