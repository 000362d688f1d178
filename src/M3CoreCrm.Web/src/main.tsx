import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startI18n } from './lib/i18n/i18n';
import { applyTheme, loadThemePreference, resolveTheme } from './lib/theme/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';

// Language, direction and theme are set before the first paint (no inline script: the CSP forbids it).
applyTheme(resolveTheme(loadThemePreference(undefined)));
void startI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
