/** Milliseconds that `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day (YYYY-MM-DD) starts in a time zone, as ISO 8601: "created from 1 March" means from
 * midnight in the tenant's zone, not the browser's. `addDays` gives an exclusive end ("to 31 March" → 1 April 00:00).
 */
export function startOfDayInZone(day: string, timeZone: string, addDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const guess = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  let instant = guess - offsetAt(guess, timeZone);
  // Once more across a DST change between the guess and the result.
  instant = guess - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}
