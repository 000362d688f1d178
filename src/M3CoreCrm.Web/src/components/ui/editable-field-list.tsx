import { useId, type ReactNode } from 'react';
import { InlineEditField, type InlineEditFieldProps } from './inline-edit-field';

/** One row of a record's field card: edited in place, or a control of its own (a select). */
export type EditableField =
  | ({ id: string; label: string } & Omit<InlineEditFieldProps, 'label' | 'disabled' | 'resetKey' | 'error'>)
  | { id: string; label: ReactNode; control: ReactNode };

export interface EditableFieldListProps {
  title: string;
  fields: readonly EditableField[];
  readOnly: boolean;
  /** Messages per field id (the API's answer to the last save of that field). */
  errors: Partial<Record<string, string>>;
  /** Closes open editors when it changes (an edit conflict was resolved). */
  resetKey: unknown;
}

/** A record's fields as a card: a term per field and its value, each edited and saved on its own. */
export function EditableFieldList({ title, fields, readOnly, errors, resetKey }: EditableFieldListProps) {
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        {title}
      </h2>
      <dl className="dl">
        {fields.map((field) =>
          'control' in field ? (
            <FieldRow key={field.id} term={field.label}>
              {field.control}
            </FieldRow>
          ) : (
            <FieldRow key={field.id} term={field.label}>
              <InlineEditField {...field} disabled={readOnly} error={errors[field.id]} resetKey={resetKey} />
            </FieldRow>
          ),
        )}
      </dl>
    </section>
  );
}

function FieldRow({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
