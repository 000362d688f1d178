import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ThemeToggle } from '@/components/ui/theme-toggle';
import * as RadixTooltip from '@radix-ui/react-tooltip';
import { ThemeProvider } from './theme-provider';

function mockSystemDark(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', () => query);
  return {
    set(value: boolean) {
      dark = value;
      for (const listener of listeners) listener();
    },
  };
}

function renderToggle(userId: string) {
  return render(
    <ThemeProvider userId={userId}>
      <RadixTooltip.Provider>
        <ThemeToggle />
      </RadixTooltip.Provider>
    </ThemeProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  delete document.documentElement.dataset.theme;
});

describe('theme', () => {
  it('follows the system until the user chooses', () => {
    const system = mockSystemDark(true);
    renderToggle('user-1');

    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() => system.set(false));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('remembers the toggled theme per user, under a key with the user id', async () => {
    mockSystemDark(false);
    const { unmount } = renderToggle('user-1');

    await userEvent.click(screen.getByRole('button', { name: 'Toggle theme' }));

    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('m3crm.theme.user-1')).toBe('dark');
    unmount();

    // Another user of the same browser keeps the system theme; the first user gets theirs back.
    const other = renderToggle('user-2');
    expect(document.documentElement.dataset.theme).toBe('light');
    other.unmount();
    renderToggle('user-1');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});
