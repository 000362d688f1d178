import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from 'react';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** Values read left to right in any language (emails, phones, numbers). */
  ltr?: boolean;
  fieldClassName?: string;
}

/** A labelled input whose error and hint are tied to it (aria-describedby) and announced on change. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, error, hint, ltr, required, id, fieldClassName, className, ...rest },
  ref,
) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={['field', fieldClassName].filter(Boolean).join(' ')}>
      {/* The asterisk stays outside the label, so the accessible name is exactly the label ("Password"). */}
      <div className="field__label-row">
        <label className="field__label" htmlFor={inputId}>
          {label}
        </label>
        {required && (
          <span className="field__required" aria-hidden>
            *
          </span>
        )}
      </div>
      <input
        ref={ref}
        id={inputId}
        className={['field__input', ltr && 'ltr', className].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
        required={required}
        dir={ltr ? 'ltr' : undefined}
        {...rest}
      />
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
});
