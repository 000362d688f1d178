import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiResponse, demoMe } from '@/test/fixtures';
import { useAuth } from './auth-context';
import { AuthProvider } from './auth-provider';
import { tokenStore } from './token-store';

function Probe() {
  const { state } = useAuth();
  return <p>{state.status === 'signedIn' ? `in as ${state.me.user.displayName}` : state.status}</p>;
}

function renderProvider() {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <AuthProvider>
        <Probe />
      </AuthProvider>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  tokenStore.clear();
});

describe('AuthProvider', () => {
  it('restores a session after a reload with one cookie refresh, then loads /me', async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const path = new URL(request.url).pathname;
        calls.push(
          [request.method, path, request.headers.get('X-Refresh-Mode'), request.headers.get('Authorization')].filter(Boolean).join(' '),
        );
        if (path === '/api/v1/auth/refresh')
          return apiResponse(200, { accessToken: 'jwt-r', refreshToken: null, expiresIn: 900, tokenType: 'Bearer' });
        if (path === '/api/v1/me') return apiResponse(200, demoMe);
        return apiResponse(404, { code: 'route.not_found' });
      }),
    );

    renderProvider();

    expect(await screen.findByText('in as Olivia Owner')).toBeInTheDocument();
    expect(calls).toEqual(['POST /api/v1/auth/refresh cookie', 'GET /api/v1/me Bearer jwt-r']);
  });

  it('shows sign-in when there is no session to restore', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => apiResponse(401, { code: 'auth.invalid_refresh_token', title: 'Unauthorized' })),
    );

    renderProvider();

    await waitFor(() => expect(screen.getByText('signedOut')).toBeInTheDocument());
    expect(tokenStore.get()).toBeNull();
  });
});
