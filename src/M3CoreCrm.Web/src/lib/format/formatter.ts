/**
 * Dates, numbers and money as the tenant sees them: in the tenant's time zone (not the browser's) and, unless a
 * record names its own, in the tenant's default currency. The locale follows the UI language.
 */
export interface FormatContext {
  language: string;
  timeZone: string;
  currency: string;
}

export interface Formatter {
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  number(value: number | null | undefined): string;
  money(amount: number | null | undefined, currency?: string | null): string;
  moneyRange(min: number | null | undefined, max: number | null | undefined, currency?: string | null): string;
  /** A short amount for narrow columns: "AED 2.1m". */
  moneyCompact(amount: number | null | undefined, currency?: string | null): string;
  relative(value: string | Date | null | undefined, now?: Date): string;
  /** The YYYY-MM-DD calendar date of an instant in the tenant's time zone (for date inputs). */
  calendarDate(value: string | Date): string;
}

const EMPTY = '—';

export function localeOf(language: string): string {
  // Latin digits in Arabic too: phone numbers, prices and unit numbers are read and typed that way in the Gulf.
  return language === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
}

function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function toDate(value: string | Date): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function createFormatter({ language, timeZone, currency }: FormatContext): Formatter {
  const locale = localeOf(language);
  const zone = safeTimeZone(timeZone);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const numberFormat = new Intl.NumberFormat(locale);
  const isoDate = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const moneyFormats = new Map<string, Intl.NumberFormat>();

  /** Property prices are mostly whole amounts: no ".00" unless there are cents, and then always two digits. */
  const moneyFormat = (code: string, whole: boolean): Intl.NumberFormat => {
    const key = `${code}:${whole}`;
    let format = moneyFormats.get(key);
    if (format === undefined) {
      const digits = { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 };
      try {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency: code, ...digits });
      } catch {
        format = new Intl.NumberFormat(locale, digits);
      }
      moneyFormats.set(key, format);
    }
    return format;
  };

  const formatter: Formatter = {
    date: (value) => {
      const date = value == null ? undefined : toDate(value);
      return date ? dateFormat.format(date) : EMPTY;
    },
    dateTime: (value) => {
      const date = value == null ? undefined : toDate(value);
      return date ? dateTimeFormat.format(date) : EMPTY;
    },
    number: (value) => (value == null || Number.isNaN(value) ? EMPTY : numberFormat.format(value)),
    money: (amount, code) =>
      amount == null ? EMPTY : moneyFormat((code ?? currency).toUpperCase(), Number.isInteger(amount)).format(amount),
    moneyRange: (min, max, code) => {
      if (min == null && max == null) return EMPTY;
      if (min != null && max != null) {
        const format = moneyFormat((code ?? currency).toUpperCase(), Number.isInteger(min) && Number.isInteger(max));
        return typeof format.formatRange === 'function' ? format.formatRange(min, max) : `${format.format(min)} – ${format.format(max)}`;
      }
      return min != null ? `≥ ${formatter.money(min, code)}` : `≤ ${formatter.money(max, code)}`;
    },
    moneyCompact: (amount, code) => {
      if (amount == null) return EMPTY;
      const key = `${(code ?? currency).toUpperCase()}:compact`;
      let format = moneyFormats.get(key);
      if (format === undefined) {
        try {
          format = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency: (code ?? currency).toUpperCase(),
            notation: 'compact',
            maximumFractionDigits: 1,
          });
        } catch {
          format = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
        }
        moneyFormats.set(key, format);
      }
      return format.format(amount);
    },
    relative: (value, now = new Date()) => {
      const date = value == null ? undefined : toDate(value);
      if (!date) return EMPTY;
      const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 60) return relativeFormat.format(seconds, 'second');
      if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
      if (abs < 86400) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
      if (abs < 86400 * 30) return relativeFormat.format(Math.round(seconds / 86400), 'day');
      return dateFormat.format(date);
    },
    calendarDate: (value) => {
      const date = toDate(value);
      return date ? isoDate.format(date) : '';
    },
  };
  return formatter;
}
