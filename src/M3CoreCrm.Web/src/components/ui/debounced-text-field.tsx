import { useEffect, useRef, useState } from 'react';
import { useDebouncedValue } from '@/lib/hooks/use-debounced-value';
import { TextField, type TextFieldProps } from './text-field';

export interface DebouncedTextFieldProps extends Omit<TextFieldProps, 'value' | 'onChange'> {
  /** The committed value (e.g. from the URL). */
  value: string;
  /** Called once typing pauses, with the new value. */
  onCommit(value: string): void;
  delayMs?: number;
  hintFor?: (draft: string) => string | undefined;
}

/** A text field that commits its value after a pause in typing, and follows outside changes of the value. */
export function DebouncedTextField({ value, onCommit, delayMs = 300, hintFor, ...rest }: DebouncedTextFieldProps) {
  const [draft, setDraft] = useState(value);
  const debounced = useDebouncedValue(draft, delayMs);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (debounced !== value) commit.current(debounced);
    // Only a settled draft commits (the committed value is read, not watched: a new one must not echo back).
  }, [debounced]);

  return <TextField {...rest} value={draft} hint={hintFor?.(draft) ?? rest.hint} onChange={(event) => setDraft(event.target.value)} />;
}
