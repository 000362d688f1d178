import { X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordOption } from '@/lib/directory/use-record-search';

export interface RecordPickerProps {
  label: string;
  /** The chosen record, or null. */
  value: RecordOption | null;
  onChange(value: RecordOption | null): void;
  /** The options for what is typed (a query hook's result, e.g. useCompanyOptions). */
  useOptions(term: string, enabled: boolean): { data?: RecordOption[] | undefined; isFetching: boolean; isError: boolean };
  hint?: string;
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * Picks one existing record by searching for it: an ARIA combobox (type to search, arrows move, Enter or a click
 * chooses, Escape closes), with a button that clears the choice.
 */
export function RecordPicker({ label, value, onChange, useOptions, hint, error, disabled }: RecordPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const options = useOptions(term, open);
  // The list closes a moment after the field loses focus, so that a click on an option still lands.
  const blurTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(blurTimer.current), []);
  const items = options.data ?? [];
  const expanded = open && !disabled;
  const optionId = (index: number) => `${id}-option-${index}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;

  const choose = (option: RecordOption | undefined) => {
    if (!option) return;
    onChange(option);
    setTerm('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (items.length === 0 ? 0 : open ? (index + 1) % items.length : 0));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => (items.length === 0 ? 0 : (index - 1 + items.length) % items.length));
    } else if (event.key === 'Enter' && expanded) {
      // Enter chooses the highlighted record instead of submitting the form around it.
      event.preventDefault();
      choose(items[active]);
    } else if (event.key === 'Escape' && expanded) {
      // Closes the list only: the dialog around it stays open.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="field picker">
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
      </div>
      <div className="picker__control">
        <input
          id={id}
          className="field__input"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={`${id}-listbox`}
          aria-autocomplete="list"
          aria-activedescendant={expanded && items.length > 0 ? optionId(active) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
          autoComplete="off"
          disabled={disabled}
          placeholder={value ? value.label : t('picker.placeholder')}
          value={open ? term : (value?.label ?? term)}
          onChange={(event) => {
            setTerm(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setTerm('')}
          onClick={() => setOpen(true)}
          onBlur={() => {
            blurTimer.current = setTimeout(() => setOpen(false), 150);
          }}
          onKeyDown={onKeyDown}
        />
        {value && !disabled && (
          <button type="button" className="icon-btn" aria-label={t('picker.clear', { field: label })} onClick={() => onChange(null)}>
            <X size={16} aria-hidden />
          </button>
        )}
        {/* A listbox holds options only (axe: aria-required-children); "nothing found" is a status beside it. */}
        <div
          id={`${id}-listbox`}
          role="listbox"
          aria-label={label}
          className="search__results picker__results"
          hidden={!expanded || items.length === 0}
        >
          {items.map((option, index) => (
            <div
              key={option.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="search__option"
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(option)}
            >
              <span>{option.label}</span>
              {option.detail && <span className="muted ltr">{option.detail}</span>}
            </div>
          ))}
        </div>
        <div role="status" className="search__results picker__results" hidden={!expanded || items.length > 0}>
          {expanded && items.length === 0 && (
            <div className="search__status">
              {options.isError ? t('search.failed') : options.isFetching ? t('search.searching') : t('picker.none')}
            </div>
          )}
        </div>
      </div>
      {hint && (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
