import { describe, expect, it } from 'vitest';
import { createFormatter } from './formatter';
import { startOfDayInZone } from './zoned';

/** Intl puts no-break spaces and bidi marks into its output; the tests compare the visible text. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f\u061c]/g, '');

describe('createFormatter', () => {
  const instant = '2026-03-31T21:30:00Z'; // 1 April 01:30 in Dubai (UTC+4), 31 March 14:30 in Los Angeles (UTC-7)

  it('shows dates in the tenant time zone, not the browser one', () => {
    const dubai = createFormatter({ language: 'en', timeZone: 'Asia/Dubai', currency: 'AED' });
    const losAngeles = createFormatter({ language: 'en', timeZone: 'America/Los_Angeles', currency: 'USD' });

    expect(dubai.date(instant)).toBe('1 Apr 2026');
    expect(dubai.dateTime(instant)).toBe('1 Apr 2026, 01:30');
    expect(losAngeles.date(instant)).toBe('31 Mar 2026');
    expect(dubai.calendarDate(instant)).toBe('2026-04-01');
  });

  it('formats money in the tenant currency unless the record names its own', () => {
    const format = createFormatter({ language: 'en', timeZone: 'Asia/Dubai', currency: 'AED' });

    expect(plain(format.money(1_500_000))).toBe('AED 1,500,000');
    expect(plain(format.money(1_500_000.5))).toBe('AED 1,500,000.50');
    expect(plain(format.money(250_000, 'usd'))).toBe('US$250,000');
    expect(plain(format.moneyRange(1_000_000, 2_000_000))).toBe('AED 1,000,000–2,000,000');
    expect(plain(format.moneyRange(null, 2_000_000))).toBe('≤ AED 2,000,000');
    expect(format.money(null)).toBe('—');
    expect(plain(format.moneyCompact(2_050_000))).toBe('AED 2.1m');
  });

  it('uses the Arabic currency sign with Latin digits in Arabic', () => {
    const format = createFormatter({ language: 'ar', timeZone: 'Asia/Dubai', currency: 'AED' });

    expect(format.number(1234567)).toBe('1,234,567');
    expect(plain(format.date(instant))).toBe('01/04/2026');
    expect(plain(format.money(1000))).toBe('1,000 د.إ.');
  });

  it('falls back to UTC for an unknown time zone instead of throwing', () => {
    const format = createFormatter({ language: 'en', timeZone: 'Mars/Olympus', currency: 'AED' });

    expect(format.date(instant)).toBe('31 Mar 2026');
  });

  it('says how long ago in words', () => {
    const format = createFormatter({ language: 'en', timeZone: 'UTC', currency: 'USD' });
    const now = new Date('2026-12-07T12:00:00Z');

    expect(format.relative('2026-12-07T11:55:00Z', now)).toBe('5 minutes ago');
    expect(format.relative('2026-12-06T12:00:00Z', now)).toBe('yesterday');
  });
});

describe('startOfDayInZone', () => {
  it('gives midnight of the tenant zone as an instant, and the next midnight for an inclusive end', () => {
    expect(startOfDayInZone('2026-04-01', 'Asia/Dubai')).toBe('2026-03-31T20:00:00.000Z');
    expect(startOfDayInZone('2026-04-01', 'Asia/Dubai', 1)).toBe('2026-04-01T20:00:00.000Z');
    expect(startOfDayInZone('2026-03-29', 'Europe/London')).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfDayInZone('2026-03-30', 'Europe/London')).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfDayInZone('not a date', 'UTC')).toBeUndefined();
  });
});
