import { Suspense, useState, type ButtonHTMLAttributes, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';

export type DeferredTriggerProps = Pick<ButtonHTMLAttributes<HTMLButtonElement>, 'onPointerEnter' | 'onFocus' | 'onClick' | 'onKeyDown'>;

export interface DeferredPopupProps {
  /** Loads the popup's code; called on hover or focus of the trigger, so that a click usually finds it loaded. */
  load(): Promise<unknown>;
  /** The trigger until the popup is first opened: a plain button that looks and is named like the real one. */
  trigger(props: DeferredTriggerProps): ReactElement;
  /** The real popup (its own trigger included), rendered open from the first request on. */
  popup: ReactNode;
}

/**
 * A menu or popover of the top bar whose code (Radix, floating-ui) is not part of the first page: a plain button
 * stands in until it is first used (click, Enter, Space or ArrowDown), then the popup mounts open and stays.
 */
export function DeferredPopup({ load, trigger, popup }: DeferredPopupProps) {
  const [requested, setRequested] = useState(false);
  const preload = () => void load().catch(() => undefined);
  const placeholder = trigger({
    onPointerEnter: preload,
    onFocus: preload,
    onClick: () => setRequested(true),
    onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        setRequested(true);
      }
    },
  });
  if (!requested) return placeholder;
  return <Suspense fallback={placeholder}>{popup}</Suspense>;
}
