import type { DataSource } from 'typeorm';
import { entityRows } from '../../common/rows';
import type { ServiceDeps } from '../../common/services';
import { query, sql, type Queryable } from '../../common/sql';
import { checkYear, requiredText } from '../../common/validate';
import { BadInputError } from '../../errors';
import { msg } from '../../i18n/i18n';
import { CalendarDay, ProcessingTime, ReviewLevel } from './calendar.entity';
import { checkDay } from '../../common/dates';
import { shiftDay, weekdayOf } from './days';

/** The days that break the weekly rule within a range, by day. */
export type Exceptions = ReadonlyMap<string, boolean>;

/** True when `day` is a working day: Monday to Friday unless listed off, a weekend day only when listed as worked. */
export function isWorkingDay(day: string, exceptions: Exceptions): boolean {
  const listed = exceptions.get(day);
  if (listed !== undefined) return listed;
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The working-day calendar: weekends off, Vietnam's public holidays and
 * bridge days as data (calendar_day), and the processing time of each level.
 * Deadlines are counted in working days from the day after a dossier
 * arrives: 10 working days from Friday 25/4/2025 end on Tuesday 13/5/2025
 * (the Saturday 26/4 was worked, 30/4 to 2/5 were off).
 */
export class CalendarService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /** The listed days from `from` to `to` (inclusive). */
  async exceptions(from: string, to: string, db: Queryable = this.dataSource): Promise<Exceptions> {
    const rows = await query<{ day: string; working: boolean }>(
      db,
      sql`SELECT day::text AS day, working FROM calendar_day WHERE day BETWEEN ${from} AND ${to}`,
    );
    return new Map(rows.map((row) => [row.day, row.working]));
  }

  /** The `count`-th working day after `from` (`count` ≥ 1). */
  async addWorkingDays(
    from: string,
    count: number,
    db: Queryable = this.dataSource,
  ): Promise<string> {
    // A window wide enough for any real calendar (Tết is about a week); widened if ever not.
    let span = count * 2 + 21;
    for (;;) {
      const exceptions = await this.exceptions(from, shiftDay(from, span), db);
      let day = from;
      let left = count;
      for (let i = 0; i < span; i++) {
        day = shiftDay(day, 1);
        if (isWorkingDay(day, exceptions) && --left === 0) return day;
      }
      span *= 2;
    }
  }

  /**
   * Working days in (`from`, `to`]: how many working days after `from` it is
   * on `to`; the negative count of (`to`, `from`] when `to` comes first.
   */
  async workingDaysBetween(
    from: string,
    to: string,
    db: Queryable = this.dataSource,
  ): Promise<number> {
    if (from === to) return 0;
    const [low, high, sign] = from < to ? [from, to, 1] : [to, from, -1];
    const exceptions = await this.exceptions(low, high, db);
    let count = 0;
    for (let day = shiftDay(low, 1); day <= high; day = shiftDay(day, 1)) {
      if (isWorkingDay(day, exceptions)) count++;
    }
    return sign * count;
  }

  /** The listed days of a year, in order. */
  daysOfYear(year: number): Promise<CalendarDay[]> {
    checkYear(year);
    return entityRows(this.dataSource, CalendarDay).select(
      this.dataSource,
      sql`t.day BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}`,
      { day: 'ASC' },
    );
  }

  /**
   * Lists a day (or changes it): a weekday off, or a weekend day worked.
   * BAD_USER_INPUT for a weekday listed as worked or a weekend day listed as
   * off (the weekly rule already says so), a bad day or a blank name.
   */
  async setDay(rawDay: string, working: boolean, rawName: string): Promise<CalendarDay> {
    const day = checkDay(rawDay, 'day');
    const name = requiredText(rawName, 'name', 300);
    const weekend = [0, 6].includes(weekdayOf(day));
    if (working !== weekend) {
      throw new BadInputError(msg('calendar.alreadyByRule', { day }), { field: 'working' });
    }
    await query(
      this.dataSource,
      sql`INSERT INTO calendar_day (day, working, name) VALUES (${day}, ${working}, ${name})
          ON CONFLICT (day) DO UPDATE SET working = EXCLUDED.working, name = EXCLUDED.name`,
    );
    return (await this.daysBetween(day, day))[0] as CalendarDay;
  }

  /** Takes a day off the list (it follows the weekly rule again); false when it was not listed. */
  async removeDay(rawDay: string): Promise<boolean> {
    const day = checkDay(rawDay, 'day');
    const rows = await query(
      this.dataSource,
      sql`DELETE FROM calendar_day WHERE day = ${day} RETURNING day`,
    );
    return rows.length > 0;
  }

  /** Every level's processing time. */
  processingTimes(db: Queryable = this.dataSource): Promise<ProcessingTime[]> {
    return entityRows(this.dataSource, ProcessingTime).select(db, sql`true`, { level: 'DESC' });
  }

  /** The working days `level` has, with or without consultation. */
  async processingDays(
    level: ReviewLevel,
    consultation: boolean,
    db: Queryable = this.dataSource,
  ): Promise<number> {
    const times = await this.processingTimes(db);
    const time = times.find((t) => t.level === level);
    if (!time) throw new Error(`processing_time has no row for ${level}`);
    return consultation ? time.withConsultation : time.workingDays;
  }

  /** Changes a level's processing time; BAD_USER_INPUT outside 1..365 or when consultation would be shorter. */
  async setProcessingTime(
    level: ReviewLevel,
    workingDays: number,
    withConsultation: number,
  ): Promise<ProcessingTime> {
    for (const [field, value] of [
      ['workingDays', workingDays],
      ['withConsultation', withConsultation],
    ] as const) {
      if (!Number.isInteger(value) || value < 1 || value > 365) {
        throw new BadInputError(msg('calendar.badProcessingTime', { field }), { field });
      }
    }
    if (withConsultation < workingDays) {
      throw new BadInputError(msg('calendar.consultationShorter'), { field: 'withConsultation' });
    }
    await query(
      this.dataSource,
      sql`UPDATE processing_time SET working_days = ${workingDays}, with_consultation = ${withConsultation}
           WHERE level = ${level}`,
    );
    return (await this.processingTimes()).find((t) => t.level === level) as ProcessingTime;
  }

  private daysBetween(from: string, to: string): Promise<CalendarDay[]> {
    return entityRows(this.dataSource, CalendarDay).select(
      this.dataSource,
      sql`t.day BETWEEN ${from} AND ${to}`,
      { day: 'ASC' },
    );
  }
}
