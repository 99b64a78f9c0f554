import { BadInputError } from '../errors';
import { msg } from '../i18n/i18n';

/**
 * The time zone of the agencies this service is for: "today", a decision's
 * day and a nomination's day are calendar days in Vietnam, so a nomination
 * made at 06:30 local time on 1 July counts as 1 July though it is still
 * 30 June in UTC.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (`YYYY-MM-DD`) of an instant, in Vietnam. */
export function vietnamDay(instant: Date): string {
  return dayFormat.format(instant);
}

/** Today's calendar day (`YYYY-MM-DD`) in Vietnam. */
export function vietnamToday(): string {
  return vietnamDay(new Date());
}

/** The day after `day` (`YYYY-MM-DD`), or `days` days later (earlier when negative). */
export function addDays(day: string, days = 1): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * `months` calendar months after `day`, clamped to the end of a shorter month
 * (31 August + 6 months is 28 or 29 February).
 */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return target.toISOString().slice(0, 10);
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** A `LocalDate` input checked to be a real day between 1945 and 2200; BAD_USER_INPUT otherwise. */
export function checkDay(value: string, field: string): string {
  if (!isCalendarDay(value) || value < '1945-01-01' || value > '2200-12-31') {
    throw new BadInputError(msg('input.badDay', { field }), { field });
  }
  return value;
}
