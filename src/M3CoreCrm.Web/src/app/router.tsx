import { createBrowserRouter, useRouteError, type RouteObject } from 'react-router';
import { ErrorFallback } from '@/components/ui/error-fallback';
import { RequireAuth } from './require-auth';
import { AppShell } from './shell/app-shell';
import { NotFoundPage } from './not-found-page';

function RouteError() {
  const error = useRouteError();
  return <ErrorFallback error={error} reset={() => window.location.reload()} />;
}

/** Every route of the app. Feature pages load on demand, so the first paint only carries the shell. */
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
        <AppShell />
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
