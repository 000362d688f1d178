import { useEffect, useRef } from 'react';
import { navItems } from '../navigation';

export interface ShortcutHandlers {
  navigate(path: string): void;
  focusSearch(): void;
  openHelp(): void;
  toggleSidePanel(): void;
}

const SEQUENCE_TIMEOUT_MS = 1200;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/**
 * Keyboard shortcuts of the shell: "g" then a letter or Alt+1..7 opens a section, "/" focuses the search, "?"
 * opens the list of shortcuts, Ctrl+B toggles the side panel. Keys typed into a field are left alone.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    let pendingG = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      const h = latest.current;
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'b') {
        event.preventDefault();
        h.toggleSidePanel();
        return;
      }
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-7]$/.test(event.code)) {
        const item = navItems[Number(event.code.slice(5)) - 1];
        if (item) {
          event.preventDefault();
          h.navigate(item.path);
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        h.focusSearch();
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        h.openHelp();
        return;
      }
      const key = event.key.toLowerCase();
      if (pendingG && Date.now() - pendingG < SEQUENCE_TIMEOUT_MS) {
        pendingG = 0;
        const item = navItems.find((candidate) => candidate.key === key);
        if (item) {
          event.preventDefault();
          h.navigate(item.path);
        }
        return;
      }
      pendingG = key === 'g' ? Date.now() : 0;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
