import {
  cloneElement,
  useEffect,
  useId,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type PointerEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';

export interface TooltipProps {
  content: ReactNode;
  shortcut?: string;
  /** Physical side, as the caller decides it for the direction (the activity bar passes left in Arabic). */
  side?: 'top' | 'right' | 'bottom' | 'left';
  /** One element that takes the pointer and focus handlers (a button or a link). */
  children: ReactElement<TriggerProps>;
}

interface TriggerProps {
  onPointerEnter?: (event: PointerEvent<HTMLElement>) => void;
  onPointerLeave?: (event: PointerEvent<HTMLElement>) => void;
  onFocus?: (event: FocusEvent<HTMLElement>) => void;
  onBlur?: (event: FocusEvent<HTMLElement>) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  'aria-describedby'?: string;
}

const hoverDelayMs = 400;
const gap = 6;

function place(trigger: DOMRect, side: NonNullable<TooltipProps['side']>): { top: number; left: number; transform: string } {
  switch (side) {
    case 'right':
      return { top: trigger.top + trigger.height / 2, left: trigger.right + gap, transform: 'translateY(-50%)' };
    case 'left':
      return { top: trigger.top + trigger.height / 2, left: trigger.left - gap, transform: 'translate(-100%, -50%)' };
    case 'top':
      return { top: trigger.top - gap, left: trigger.left + trigger.width / 2, transform: 'translate(-50%, -100%)' };
    default:
      return { top: trigger.bottom + gap, left: trigger.left + trigger.width / 2, transform: 'translateX(-50%)' };
  }
}

function isFocusVisible(element: HTMLElement): boolean {
  try {
    return element.matches(':focus-visible');
  } catch {
    return true; // an engine without the selector: show it, as for the keyboard
  }
}

/**
 * A tooltip on hover (after a short delay) and on keyboard focus (at once); Escape hides it. The trigger keeps its
 * own accessible name; the tooltip describes it while shown. Positioned fixed from the trigger's box, in a portal,
 * so no scrolling container clips it. Small on purpose: it is on every page, the first one included.
 */
export function Tooltip({ content, shortcut, side = 'bottom', children }: TooltipProps) {
  const id = useId();
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const show = (element: HTMLElement, delay: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setAnchor(element.getBoundingClientRect()), delay);
  };
  const hide = () => {
    window.clearTimeout(timer.current);
    setAnchor(null);
  };

  const props = children.props;
  const trigger = cloneElement(children, {
    onPointerEnter: (event: PointerEvent<HTMLElement>) => {
      props.onPointerEnter?.(event);
      if (event.pointerType !== 'touch') show(event.currentTarget, hoverDelayMs);
    },
    onPointerLeave: (event: PointerEvent<HTMLElement>) => {
      props.onPointerLeave?.(event);
      hide();
    },
    onFocus: (event: FocusEvent<HTMLElement>) => {
      props.onFocus?.(event);
      // Only a keyboard focus shows it: a click focuses too, and the pointer already had its delay.
      if (isFocusVisible(event.currentTarget)) show(event.currentTarget, 0);
    },
    onBlur: (event: FocusEvent<HTMLElement>) => {
      props.onBlur?.(event);
      hide();
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      props.onKeyDown?.(event);
      if (event.key === 'Escape' && anchor) hide();
    },
    'aria-describedby': anchor ? [props['aria-describedby'], id].filter(Boolean).join(' ') : props['aria-describedby'],
  });

  return (
    <>
      {trigger}
      {anchor &&
        createPortal(
          <div id={id} role="tooltip" className="tooltip" style={{ position: 'fixed', ...place(anchor, side) }}>
            {content}
            {shortcut && <kbd className="kbd">{shortcut}</kbd>}
          </div>,
          document.body,
        )}
    </>
  );
}
