import { lazy, Suspense } from 'react';
import { createBrowserRouter, useRouteError, type RouteObject } from 'react-router';
import { ErrorFallback } from '@/components/ui/error-fallback';
import { RequireAuth, Splash } from './require-auth';
import { NotFoundPage } from './not-found-page';

function RouteError() {
  const error = useRouteError();
  return <ErrorFallback error={error} reset={() => window.location.reload()} />;
}

// The signed-in frame (menus, search, side panel) is not needed to sign in: it loads with the first signed-in page.
const AppShell = lazy(async () => ({ default: (await import('./shell/app-shell')).AppShell }));

/** Every route of the app. Pages load on demand, so the first paint carries only what the route needs. */
export const routes: RouteObject[] = [
  {
    path: '/sign-in',
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import('@/features/auth/components/sign-in-page')).SignInPage }),
  },
  {
    path: '/',
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <Suspense fallback={<Splash />}>
          <AppShell />
        </Suspense>
      </RequireAuth>
    ),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('@/features/dashboard/components/dashboard-page')).DashboardPage }),
      },
      { path: 'leads', lazy: async () => ({ Component: (await import('@/features/leads/components/leads-page')).LeadsPage }) },
      {
        path: 'leads/:id',
        lazy: async () => ({ Component: (await import('@/features/leads/components/lead-detail-page')).LeadDetailPage }),
      },
      {
        path: 'contacts',
        lazy: async () => ({ Component: (await import('@/features/contacts/components/contacts-page')).ContactsPage }),
      },
      {
        path: 'contacts/:id',
        lazy: async () => ({ Component: (await import('@/features/contacts/components/contact-detail-page')).ContactDetailPage }),
      },
      {
        path: 'companies',
        lazy: async () => ({ Component: (await import('@/features/contacts/components/companies-page')).CompaniesPage }),
      },
      {
        path: 'companies/:id',
        lazy: async () => ({ Component: (await import('@/features/contacts/components/company-detail-page')).CompanyDetailPage }),
      },
      { path: 'deals', lazy: async () => ({ Component: (await import('@/features/deals/components/deals-page')).DealsPage }) },
      {
        path: 'activities',
        lazy: async () => ({ Component: (await import('@/features/activities/components/activities-page')).ActivitiesPage }),
      },
      {
        path: 'inventory',
        lazy: async () => ({ Component: (await import('@/features/inventory/components/inventory-page')).InventoryPage }),
      },
      {
        path: 'settings',
        lazy: async () => ({ Component: (await import('@/features/settings/components/settings-page')).SettingsPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
