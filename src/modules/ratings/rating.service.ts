import { query, sql } from '../../common/sql';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertUnitInScope } from '../../auth/scope';
import { parseId } from '../../common/ids';
import { readRecipient } from '../../common/recipient';
import type { ServiceDeps } from '../../common/services';
import { checkYear, optionalText } from '../../common/validate';
import { BadInputError, NotFoundError } from '../../errors';
import { entityRows } from '../../common/rows';
import { msg } from '../../i18n/i18n';
import { Role } from '../accounts/account.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { AnnualRating, TaskRating } from './annual-rating.entity';
import type { RecordAnnualRatingInput, RecordUnitRatingsInput } from './rating.inputs';

/** Roles that rate anywhere; a UNIT_MANAGER rates in its own subtree only. */
const RATE_ANYWHERE = [Role.SECRETARY];

/** Most member ratings one bulk call records. */
const MAX_MEMBERS = 500;

/** What recordUnitRatings wrote. */
export interface UnitRatings {
  unit: Unit;
  year: number;
  unitRating: AnnualRating | null;
  memberRatings: AnnualRating[];
}

/**
 * Year-end ratings (xếp loại) of people and units, which the title rules
 * read. Recorded by the unit's manager (in its subtree) or the secretariat;
 * recording a rating again replaces it.
 */
export class RatingService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /**
   * Records one person's or unit's rating for a year. BAD_USER_INPUT unless
   * exactly one of personId and unitId is given; NOT_FOUND for an unknown
   * one; FORBIDDEN outside the manager's subtree.
   */
  async record(actor: Actor, input: RecordAnnualRatingInput): Promise<AnnualRating> {
    const { personId, unitId } = readRecipient(input);
    const year = checkYear(input.year);
    const rating = checkRating(input.rating);
    const note = optionalText(input.note, 'note', 2000) ?? null;
    return this.dataSource.transaction(async (manager) => {
      if (personId) {
        const person = await manager.findOneBy(Person, { id: personId });
        if (!person) throw new NotFoundError('Person', personId);
        await assertUnitInScope(manager, actor, person.unitId, RATE_ANYWHERE);
        return upsert(manager, { personId }, year, rating, note, actor.username);
      }
      await assertUnitInScope(manager, actor, unitId!, RATE_ANYWHERE);
      return upsert(manager, { unitId: unitId! }, year, rating, note, actor.username);
    });
  }

  /**
   * A unit's year-end review in one transaction: its own rating (when given)
   * and its members'. Every person must be a member of the unit (whose unit
   * it is) and appear once; BAD_USER_INPUT naming them otherwise.
   */
  async recordForUnit(actor: Actor, input: RecordUnitRatingsInput): Promise<UnitRatings> {
    const unitId = parseId(input.unitId, 'unitId');
    const year = checkYear(input.year);
    const members = input.members ?? [];
    if (members.length > MAX_MEMBERS) {
      throw new BadInputError(msg('rating.tooMany', { max: MAX_MEMBERS }), { field: 'members' });
    }
    if (!input.unitRating && members.length === 0) {
      throw new BadInputError(msg('rating.nothing'), { field: 'members' });
    }
    const entries = members.map((m, i) => ({
      personId: parseId(m.personId, `members[${i}].personId`),
      rating: checkRating(m.rating),
      note: optionalText(m.note, `members[${i}].note`, 2000) ?? null,
    }));
    return this.dataSource.transaction(async (manager) => {
      await assertUnitInScope(manager, actor, unitId, RATE_ANYWHERE);
      const unit = await manager.findOneByOrFail(Unit, { id: unitId });
      const people = entries.length
        ? await manager.findBy(Person, { id: In(entries.map((e) => e.personId)) })
        : [];
      const byId = new Map(people.map((p) => [p.id, p]));
      const seen = new Set<string>();
      for (const entry of entries) {
        const person = byId.get(entry.personId);
        if (!person) throw new NotFoundError('Person', entry.personId);
        if (seen.has(person.id)) {
          throw new BadInputError(msg('rating.duplicate', { name: person.fullName }), {
            field: 'members',
          });
        }
        seen.add(person.id);
        if (person.unitId !== unitId) {
          throw new BadInputError(
            msg('rating.notMember', { name: person.fullName, unit: unit.name }),
            { field: 'members', personId: person.id },
          );
        }
      }
      const unitRating = input.unitRating
        ? await upsert(
            manager,
            { unitId },
            year,
            checkRating(input.unitRating),
            null,
            actor.username,
          )
        : await manager.findOneBy(AnnualRating, { unitId, year });
      const memberRatings = await upsertMembers(manager, entries, year, actor.username);
      return { unit, year, unitRating: unitRating ?? null, memberRatings };
    });
  }

  /**
   * For each unit, its members (people whose unit it is, as `membersOf` reads
   * and orders them, e.g. a request's loader) each with their rating of
   * `year`, or null. BAD_USER_INPUT for a year out of range, before anything
   * is read; the ratings are one statement for all the units.
   */
  async membersOf(
    unitIds: readonly string[],
    year: number,
    membersOf: (unitIds: readonly string[]) => Promise<readonly (readonly Person[] | Error)[]>,
  ): Promise<({ person: Person; rating: AnnualRating | null }[] | Error)[]> {
    checkYear(year);
    const members = await membersOf(unitIds);
    const personIds = members.flatMap((list) =>
      list instanceof Error ? [] : list.map((p) => p.id),
    );
    const ratings = personIds.length
      ? await entityRows(this.dataSource, AnnualRating).select(
          this.dataSource,
          sql`t.person_id = ANY(${personIds}) AND t.year = ${year}`,
        )
      : [];
    const byPerson = new Map(ratings.map((r) => [r.personId!, r]));
    return members.map((list) =>
      list instanceof Error
        ? list
        : list.map((person) => ({ person, rating: byPerson.get(person.id) ?? null })),
    );
  }
}

/** The rating, checked against the enum (GraphQL already does; other callers may not). */
function checkRating(rating: TaskRating): TaskRating {
  if (!Object.values(TaskRating).includes(rating)) {
    throw new BadInputError(msg('rating.unknown', { rating: String(rating) }), { field: 'rating' });
  }
  return rating;
}

/** What recording a rating again replaces. */
const REPLACE = sql`rating = excluded.rating, note = excluded.note,
                   recorded_by = excluded.recorded_by, recorded_at = now()`;

/** Inserts or replaces the rating of a person or unit for a year; returns the row as stored. */
async function upsert(
  manager: EntityManager,
  subject: { personId: string } | { unitId: string },
  year: number,
  rating: TaskRating,
  note: string | null,
  recordedBy: string,
): Promise<AnnualRating> {
  const person = 'personId' in subject;
  const rows = entityRows(manager, AnnualRating);
  const [row] = await query(
    manager,
    sql`INSERT INTO annual_rating AS t (person_id, unit_id, year, rating, note, recorded_by)
     VALUES (${person ? subject.personId : null}, ${person ? null : subject.unitId}, ${year}, ${rating}, ${note}, ${recordedBy})
     ON CONFLICT (${sql.ident(person ? 'person_id' : 'unit_id')}, year) WHERE ${sql.ident(person ? 'person_id' : 'unit_id')} IS NOT NULL
     DO UPDATE SET ${REPLACE}
     RETURNING ${rows.columns()}`,
  );
  return rows.hydrate(row!);
}

/**
 * Inserts or replaces the ratings of several people for a year in one
 * statement; returns the rows as stored, in the order of `entries` (each
 * person once: a person listed twice would make PostgreSQL refuse the
 * statement, so callers check that first).
 */
async function upsertMembers(
  manager: EntityManager,
  entries: readonly { personId: string; rating: TaskRating; note: string | null }[],
  year: number,
  recordedBy: string,
): Promise<AnnualRating[]> {
  if (entries.length === 0) return [];
  const rows = entityRows(manager, AnnualRating);
  const stored = await query<{ person_id: string }>(
    manager,
    sql`INSERT INTO annual_rating AS t (person_id, year, rating, note, recorded_by)
        SELECT m.person_id, ${year}, m.rating, m.note, ${recordedBy}
          FROM unnest(${entries.map((e) => e.personId)}::uuid[], ${entries.map((e) => e.rating)}::text[],
                      ${entries.map((e) => e.note)}::text[]) AS m(person_id, rating, note)
        ON CONFLICT (person_id, year) WHERE person_id IS NOT NULL
        DO UPDATE SET ${REPLACE}
        RETURNING ${rows.columns()}`,
  );
  const byPerson = new Map(stored.map((row) => [row.person_id, rows.hydrate(row)]));
  return entries.map((entry) => byPerson.get(entry.personId)!);
}
