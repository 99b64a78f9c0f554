import { BadInputError } from '../../errors';
import { msg } from '../../i18n/i18n';

const vietnamDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar day (`YYYY-MM-DD`) in Vietnam, where deadlines are counted. */
export function todayInVietnam(now: Date = new Date()): string {
  return vietnamDayFormat.format(now);
}

/** `day` (`YYYY-MM-DD`) moved by `days` calendar days. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 0 (Sunday) to 6 (Saturday). */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** A `YYYY-MM-DD` input that is a real day between 1945 and 2200; BAD_USER_INPUT naming `field` otherwise. */
export function checkCalendarDay(value: string, field: string): string {
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!valid || value < '1945-01-01' || value > '2200-12-31') {
    throw new BadInputError(msg('paperwork.badDay', { field }), { field });
  }
  return value;
}

/** `YYYY-MM-DD` as dd/MM/yyyy, as Vietnamese documents write dates. */
export function vietnameseDate(day: string | Date | null): string {
  if (day === null) return '';
  const text = day instanceof Date ? todayInVietnam(day) : day;
  const [year, month, date] = text.slice(0, 10).split('-');
  return `${date}/${month}/${year}`;
}
