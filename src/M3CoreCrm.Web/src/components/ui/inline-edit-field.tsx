import { Check, Pencil, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface InlineEditFieldProps {
  label: string;
  value: string;
  /** What to show when not editing (defaults to the value, or "—"). */
  display?: ReactNode;
  type?: 'text' | 'email' | 'tel' | 'number' | 'textarea';
  ltr?: boolean;
  error?: string | undefined;
  disabled?: boolean;
  /** Resolves when saved; rejects to keep the editor open. */
  onSave(value: string): Promise<void>;
  /** A change closes an open editor (e.g. a conflict was resolved by reloading or overwriting the record). */
  resetKey?: unknown;
}

/**
 * A field shown as text and edited in place: click or Enter opens the editor, Enter (Ctrl+Enter in a textarea)
 * saves, Escape cancels. The button's name says which field it edits ("Edit Email").
 */
export function InlineEditField({ label, value, display, type = 'text', ltr, error, disabled, onSave, resetKey }: InlineEditFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);
  useEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);
  const firstReset = useRef(resetKey);
  const formRef = useRef<HTMLFormElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (resetKey === firstReset.current) return;
    // A keyboard user whose editor closes (the conflict was resolved) keeps their place: the field's button.
    const active = document.activeElement;
    refocus.current = formRef.current !== null && (!active || active === document.body || formRef.current.contains(active));
    setEditing(false);
  }, [resetKey]);
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    buttonRef.current?.focus();
  }, [editing]);

  const cancel = () => {
    setEditing(false);
    setDraft(value);
    setTimeout(() => buttonRef.current?.focus());
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (draft === value) {
      cancel();
      return;
    }
    setSaving(true);
    try {
      await onSave(draft);
      setEditing(false);
      setTimeout(() => buttonRef.current?.focus());
    } catch {
      // The caller shows why (field error, conflict dialog); the draft stays for another try.
    } finally {
      setSaving(false);
    }
  };

  if (!editing) {
    return (
      <div className="inline-edit">
        <button ref={buttonRef} type="button" className="inline-edit__value" disabled={disabled} onClick={() => setEditing(true)}>
          <span className={ltr ? 'ltr' : undefined}>{display ?? (value || '—')}</span>
          {/* The name is the visible value plus what the button does: "Chen, Edit First name". */}
          <span className="visually-hidden">, {t('inlineEdit.edit', { field: label })}</span>
        </button>
        {!disabled && <Pencil size={14} className="muted" aria-hidden />}
        {error && (
          <span className="field__error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }

  const common = {
    id,
    ref: inputRef,
    className: ['field__input', ltr && 'ltr'].filter(Boolean).join(' '),
    value: draft,
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    dir: ltr ? 'ltr' : undefined,
    disabled: saving,
  } as const;
  return (
    <form ref={formRef} className="inline-edit__form" onSubmit={(event) => void submit(event)} style={{ flexDirection: 'column' }}>
      <div style={{ display: 'flex', gap: 'var(--space-1)' }}>
        {type === 'textarea' ? (
          <textarea
            {...common}
            rows={4}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel();
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
            }}
          />
        ) : (
          <input
            {...common}
            type={type}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && cancel()}
          />
        )}
        <button type="submit" className="icon-btn" aria-label={t('common.save')} disabled={saving}>
          <Check size={16} aria-hidden />
        </button>
        <button type="button" className="icon-btn" aria-label={t('common.cancel')} onClick={cancel} disabled={saving}>
          <X size={16} aria-hidden />
        </button>
      </div>
      {error && (
        <span id={`${id}-error`} className="field__error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
