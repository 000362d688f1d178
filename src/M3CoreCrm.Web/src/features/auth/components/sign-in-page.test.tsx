import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import * as RadixTooltip from '@radix-ui/react-tooltip';
import { ApiProblem } from '@/lib/api/problem';
import { AuthContext, type AuthContextValue, type AuthState } from '@/lib/auth/auth-context';
import { ThemeProvider } from '@/lib/theme/theme-provider';
import { safeNext, SignInPage } from './sign-in-page';

function renderSignIn(signIn: AuthContextValue['signIn'], state: AuthState = { status: 'signedOut' }) {
  const auth: AuthContextValue = { state, signIn, signOut: vi.fn(), signOutEverywhere: vi.fn() };
  return render(
    <AuthContext.Provider value={auth}>
      <ThemeProvider userId={undefined}>
        <RadixTooltip.Provider>
          <MemoryRouter initialEntries={['/sign-in']}>
            <SignInPage />
          </MemoryRouter>
        </RadixTooltip.Provider>
      </ThemeProvider>
    </AuthContext.Provider>,
  );
}

async function submit(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Workspace'), 'demo');
  await user.type(screen.getByLabelText('Email'), 'owner@demo.m3core.test');
  await user.type(screen.getByLabelText('Password'), 'wrong-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('sends the workspace, email and password it was given', async () => {
    const signIn = vi.fn(async () => {});
    const user = userEvent.setup();
    renderSignIn(signIn);

    await submit(user);

    expect(signIn).toHaveBeenCalledWith({ tenant: 'demo', email: 'owner@demo.m3core.test', password: 'wrong-password' });
  });

  it('says which fields are missing, focuses the first of them and sends nothing', async () => {
    const signIn = vi.fn(async () => {});
    const user = userEvent.setup();
    renderSignIn(signIn);

    await user.type(screen.getByLabelText('Email'), '  owner@demo.m3core.test ');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByLabelText('Workspace')).toHaveAccessibleDescription(/Enter your workspace\./);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Workspace')).toHaveFocus();
    expect(signIn).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Workspace'), ' demo ');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(signIn).toHaveBeenCalledWith({ tenant: 'demo', email: 'owner@demo.m3core.test', password: 'secret' });
  });

  it('shows a lockout as a lockout, with a countdown from Retry-After, and blocks retrying until then', async () => {
    const signIn = vi.fn(async () => {
      throw new ApiProblem(429, { code: 'auth.too_many_attempts', title: 'Too many attempts', traceId: 't-1' }, 300);
    });
    const user = userEvent.setup();
    renderSignIn(signIn);

    await submit(user);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Account temporarily locked');
    expect(alert).toHaveTextContent(/Try again in (300|299) s/);
    expect(alert).toHaveTextContent('auth.too_many_attempts');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });

  it('shows a rate limit as too many requests, not as wrong credentials', async () => {
    const signIn = vi.fn(async () => {
      throw new ApiProblem(429, { code: 'rate_limit.exceeded', title: 'Too many requests' }, 12);
    });
    const user = userEvent.setup();
    renderSignIn(signIn);

    await submit(user);

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests');
  });

  it('shows wrong credentials without saying which part was wrong', async () => {
    const signIn = vi.fn(async () => {
      throw new ApiProblem(401, { code: 'auth.invalid_credentials', title: 'Unauthorized' });
    });
    const user = userEvent.setup();
    renderSignIn(signIn);

    await submit(user);

    expect(await screen.findByRole('alert')).toHaveTextContent('The workspace, email or password is wrong.');
  });

  it('says "Your session ended" after a reused refresh token signed the user out', () => {
    renderSignIn(vi.fn(), { status: 'signedOut', endedBecause: 'reused' });

    expect(screen.getByRole('status')).toHaveTextContent('Your session ended');
  });

  it('only returns to paths of this app after sign-in', () => {
    expect(safeNext('/leads?status=new')).toBe('/leads?status=new');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
