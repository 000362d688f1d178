import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  applyTheme,
  loadThemePreference,
  resolveTheme,
  saveThemePreference,
  systemTheme,
  watchSystemTheme,
  type Theme,
  type ThemePreference,
} from './theme';
import { ThemeContext, type ThemeContextValue } from './theme-context';

/** Light or dark by design tokens on <html data-theme>; follows the system until the user picks one. */
export function ThemeProvider({ userId, children }: { userId: string | undefined; children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(() => loadThemePreference(userId));
  const [system, setSystem] = useState<Theme>(systemTheme);

  // Another user signing in brings their own choice.
  useEffect(() => setPreferenceState(loadThemePreference(userId)), [userId]);
  useEffect(() => watchSystemTheme(setSystem), []);

  const theme: Theme = preference === 'system' ? system : preference;
  useEffect(() => applyTheme(theme), [theme]);

  const setPreference = useCallback(
    (next: ThemePreference) => {
      saveThemePreference(userId, next);
      setPreferenceState(next);
    },
    [userId],
  );

  const value = useMemo<ThemeContextValue>(
    () => ({
      preference,
      theme,
      setPreference,
      toggle: () => setPreference(resolveTheme(preference) === 'dark' ? 'light' : 'dark'),
    }),
    [preference, theme, setPreference],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}
