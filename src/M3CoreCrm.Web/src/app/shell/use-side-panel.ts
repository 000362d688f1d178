import { useCallback, useState } from 'react';
import { preferences, storageKeys } from '@/lib/storage/local-storage';

/** Whether the side panel is open; remembered across reloads. */
export function useSidePanel(): [open: boolean, toggle: () => void] {
  const [open, setOpen] = useState(() => preferences.get(storageKeys.sidePanel) !== 'closed');
  const toggle = useCallback(() => {
    setOpen((current) => {
      const next = !current;
      preferences.set(storageKeys.sidePanel, next ? 'open' : 'closed');
      return next;
    });
  }, []);
  return [open, toggle];
}
