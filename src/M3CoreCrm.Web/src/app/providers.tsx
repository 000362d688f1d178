import * as RadixTooltip from '@radix-ui/react-tooltip';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import i18next from 'i18next';
import { Toaster } from '@/components/ui/toaster';
import { useAuth } from '@/lib/auth/auth-context';
import { AuthProvider } from '@/lib/auth/auth-provider';
import { ThemeProvider } from '@/lib/theme/theme-provider';
import { createQueryClient } from './query-client';

function UserThemeProvider({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  return <ThemeProvider userId={state.status === 'signedIn' ? state.me.user.id : undefined}>{children}</ThemeProvider>;
}

/** Everything the app needs around the router: i18n, data cache, session, theme, tooltips and toasts. */
export function AppProviders({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18next}>
      <QueryClientProvider client={client}>
        <AuthProvider>
          <UserThemeProvider>
            <RadixTooltip.Provider delayDuration={400}>
              {children}
              <Toaster />
            </RadixTooltip.Provider>
          </UserThemeProvider>
        </AuthProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
