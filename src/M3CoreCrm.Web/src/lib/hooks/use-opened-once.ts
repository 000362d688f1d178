import { useState } from 'react';

/**
 * True from the first time `open` is true: a dialog loaded on demand (React.lazy) mounts when it is first opened
 * and then stays mounted, so closing it runs its closing behaviour (focus returns to the trigger) like any other.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
