import { HelpCircle, PanelLeft, PanelRight } from 'lucide-react';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { ErrorFallback } from '@/components/ui/error-fallback';
import { IconButton } from '@/components/ui/icon-button';
import { OfflineBanner } from '@/components/ui/offline-banner';
import { SkeletonRows } from '@/components/ui/skeleton';
import { useMe } from '@/lib/auth/auth-context';
import { useOpenedOnce } from '@/lib/hooks/use-opened-once';
import { AccountMenu } from './account-menu';
import { ActivityBar } from './activity-bar';
import { GlobalSearch } from './global-search';
import { LanguageMenu } from '@/components/ui/language-menu';
import { SidePanel } from './side-panel';
import { ThemeToggle } from '@/components/ui/theme-toggle';
import { useShortcuts } from './use-shortcuts';
import { useSidePanel } from './use-side-panel';

const ShortcutsDialog = lazy(async () => ({ default: (await import('./shortcuts-dialog')).ShortcutsDialog }));

/** The signed-in frame: activity bar, side panel, top bar (search, tenant, user) and the page. */
export function AppShell() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const searchRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [panelOpen, togglePanel] = useSidePanel();
  const helpMounted = useOpenedOnce(helpOpen);

  useShortcuts({
    navigate: (path) => void navigate(path),
    focusSearch: () => searchRef.current?.focus(),
    openHelp: () => setHelpOpen(true),
    toggleSidePanel: togglePanel,
  });

  const PanelIcon = (i18n.dir() === 'rtl') === panelOpen ? PanelRight : PanelLeft;
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={() => mainRef.current?.focus()}>
        {t('app.skipToContent')}
      </a>
      <OfflineBanner />
      <ActivityBar />
      <SidePanel open={panelOpen} />
      <div className="workspace">
        <header className="top-bar">
          <IconButton
            label={t('sidePanel.toggle')}
            shortcut="Ctrl+B"
            aria-expanded={panelOpen}
            aria-controls="side-panel"
            icon={<PanelIcon size={18} aria-hidden />}
            onClick={togglePanel}
          />
          <GlobalSearch ref={searchRef} />
          <div className="top-bar__spacer" />
          <div className="top-bar__tenant">
            <span style={{ fontWeight: 600 }}>{me.tenant.name}</span>
            <span className="muted">{me.tenant.slug}</span>
          </div>
          <IconButton
            label={t('shortcuts.title')}
            shortcut="?"
            icon={<HelpCircle size={18} aria-hidden />}
            onClick={() => setHelpOpen(true)}
          />
          <LanguageMenu />
          <ThemeToggle />
          <AccountMenu onShowShortcuts={() => setHelpOpen(true)} />
        </header>
        <main id="main" ref={mainRef} className="main" tabIndex={-1}>
          <ErrorBoundary resetKey={pathname} fallback={(error, reset) => <ErrorFallback error={error} reset={reset} />}>
            <Suspense fallback={<SkeletonRows />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
      {helpMounted && (
        <Suspense fallback={null}>
          <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />
        </Suspense>
      )}
    </div>
  );
}
