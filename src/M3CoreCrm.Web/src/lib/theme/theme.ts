import { preferences, storageKeys } from '../storage/local-storage';

export type ThemePreference = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function systemTheme(): Theme {
  return globalThis.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

export function resolveTheme(preference: ThemePreference): Theme {
  return preference === 'system' ? systemTheme() : preference;
}

/** Each user of a shared browser keeps their own choice; without one the system's setting applies. */
export function loadThemePreference(userId: string | undefined): ThemePreference {
  const saved = preferences.get(storageKeys.theme(userId));
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function saveThemePreference(userId: string | undefined, preference: ThemePreference): void {
  if (preference === 'system') preferences.remove(storageKeys.theme(userId));
  else preferences.set(storageKeys.theme(userId), preference);
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

export function watchSystemTheme(onChange: (theme: Theme) => void): () => void {
  const query = globalThis.matchMedia?.(DARK_QUERY);
  if (!query) return () => {};
  const listener = () => onChange(query.matches ? 'dark' : 'light');
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}
