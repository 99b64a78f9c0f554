import { addDays, vietnamDay } from '../../common/dates';

/** Today's calendar day (`YYYY-MM-DD`) in Vietnam, where deadlines are counted. */
export const todayInVietnam = (now: Date = new Date()): string => vietnamDay(now);

/** `day` (`YYYY-MM-DD`) moved by `days` calendar days. */
export const shiftDay = (day: string, days: number): string => addDays(day, days);

/** 0 (Sunday) to 6 (Saturday). */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** `YYYY-MM-DD` as dd/MM/yyyy, as Vietnamese documents write dates. */
export function vietnameseDate(day: string | Date | null): string {
  if (day === null) return '';
  const text = day instanceof Date ? vietnamDay(day) : day;
  const [year, month, date] = text.slice(0, 10).split('-');
  return `${date}/${month}/${year}`;
}
