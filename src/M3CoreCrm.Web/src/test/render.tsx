import * as RadixTooltip from '@radix-ui/react-tooltip';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { AuthContext, type AuthContextValue, type Me } from '@/lib/auth/auth-context';
import { ThemeProvider } from '@/lib/theme/theme-provider';
import { demoMe } from './fixtures';

export interface RenderOptions {
  me?: Me;
  route?: string;
  /** The route pattern the element is mounted at (for useParams). */
  path?: string;
}

/** Renders inside the app's providers with a signed-in user, a fresh query cache and an in-memory router. */
export function renderWithApp(ui: ReactElement, { me = demoMe, route = '/', path = '*' }: RenderOptions = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const auth: AuthContextValue = {
    state: { status: 'signedIn', me },
    signIn: async () => {},
    signOut: async () => {},
    signOutEverywhere: async () => {},
  };
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <AuthContext.Provider value={auth}>
        <ThemeProvider userId={me.user.id}>
          <RadixTooltip.Provider>
            <MemoryRouter initialEntries={[route]}>
              <Routes>
                <Route path={path} element={children} />
              </Routes>
            </MemoryRouter>
          </RadixTooltip.Provider>
        </ThemeProvider>
      </AuthContext.Provider>
    </QueryClientProvider>
  );
  return { ...render(ui, { wrapper: Wrapper }), queryClient };
}
