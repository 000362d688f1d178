import { isApiProblem } from '../api/problem';

export interface MappedErrors<F extends string> {
  /** Messages per form field the API named. */
  fields: Partial<Record<F, string>>;
  /** Messages about fields the form does not show, or about the request as a whole. */
  other: string[];
}

/**
 * Maps a 400 problem's `errors` onto form fields: `budget.min` stays a nested path, `tags[1]` belongs to `tags`, and
 * keys compare case-insensitively (the API speaks camelCase, a hand-written check may not). What matches no field
 * is returned in `other`, so no message is lost.
 */
export function mapServerErrors<F extends string>(error: unknown, fields: readonly F[]): MappedErrors<F> {
  const result: MappedErrors<F> = { fields: {}, other: [] };
  if (!isApiProblem(error)) return result;
  const byLowerName = new Map(fields.map((field) => [field.toLowerCase(), field]));
  for (const [key, messages] of Object.entries(error.errors)) {
    const path = key.replace(/\[\d+\]/g, '').replace(/^\$\./, '');
    const field = byLowerName.get(path.toLowerCase()) ?? byLowerName.get(path.split('.')[0]!.toLowerCase());
    const message = messages.join(' ');
    if (field !== undefined) {
      result.fields[field] = result.fields[field] ? `${result.fields[field]} ${message}` : message;
    } else {
      result.other.push(message);
    }
  }
  return result;
}
