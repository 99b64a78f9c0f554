import { z } from 'zod';
import { query, sql } from '../../../common/sql';
import { RecipientKind } from '../award-type.entity';
import { block, defineRule, EPSILON, HELD_STATUSES, pass, percent, type Finding } from './rule';

/**
 * Members of a collective hold a title (APPROVED or ANNOUNCED) the same year:
 * at least `minShare` of them, and/or at least `minCount` of them.
 *
 * A unit's members are the people whose unit is that unit (as
 * `Unit.headcount` counts them); with `includeSubunits: true`, also the
 * people of all its subunits. Applies to collectives only (an individual
 * recipient is refused by RECIPIENT_KIND).
 */
export const MEMBERS_HOLD_TITLE = defineRule({
  code: 'MEMBERS_HOLD_TITLE',
  params: z
    .object({
      titleCode: z.string().min(1),
      minShare: z.number().gt(0).max(1).optional(),
      minCount: z.number().int().min(1).optional(),
      includeSubunits: z.boolean().default(false),
    })
    .strict()
    .refine((p) => p.minShare !== undefined || p.minCount !== undefined, {
      message: 'give minShare or minCount',
    }),
  describe: ({ titleCode, minShare, minCount, includeSubunits }, label) => {
    const members = includeSubunits
      ? "the unit's members (its people and those of its subunits)"
      : "the unit's members (people whose unit it is)";
    const parts: string[] = [];
    if (minShare !== undefined) parts.push(`at least ${percent(minShare)}`);
    if (minCount !== undefined) parts.push(`at least ${minCount}`);
    return `${parts.join(' and ')} of ${members} hold ${label(titleCode)} (APPROVED or ANNOUNCED) that year.`.replace(
      /^./,
      (c) => c.toUpperCase(),
    );
  },
  async check({ manager, year, recipient, label }, params) {
    if (recipient.kind !== RecipientKind.COLLECTIVE) return [];
    const { titleCode, minShare, minCount, includeSubunits } = params;
    const unit = recipient.unit;
    const members = includeSubunits
      ? sql`SELECT id FROM person
             WHERE unit_id IN (SELECT id FROM unit WHERE path LIKE ${`${unit.path}%`})`
      : sql`SELECT id FROM person WHERE unit_id = ${unit.id}`;
    const [row] = await query<{ members: number; holders: number }>(
      manager,
      sql`WITH members AS (${members})
          SELECT (SELECT count(*) FROM members)::int AS members,
                 (SELECT count(DISTINCT a.person_id)
                    FROM award a JOIN award_type t ON t.id = a.type_id
                   WHERE t.code = ${titleCode} AND a.year = ${year}
                     AND a.status = ANY(${HELD_STATUSES})
                     AND a.person_id IN (SELECT id FROM members))::int AS holders`,
    );
    const total = row?.members ?? 0;
    const holders = row?.holders ?? 0;
    const title = label(titleCode);
    const whose = includeSubunits ? `${unit.name} and its subunits` : unit.name;
    if (total === 0) {
      return [
        block(
          `${whose} has no members (people whose unit it is), so none holds ${title} for ${year}: add its people first`,
        ),
      ];
    }
    const findings: Finding[] = [];
    const summary =
      holders === 0
        ? `None of the ${total} members of ${whose} holds ${title} for ${year}`
        : `${holders} of the ${total} members of ${whose} (${percent(holders / total)}) hold ${title} for ${year}`;
    const short = holders === 0 ? summary : `Only ${summary}`;
    if (minShare !== undefined) {
      const needed = Math.ceil(minShare * total - EPSILON);
      findings.push(
        holders >= needed
          ? pass(`${summary}; at least ${percent(minShare)} (${needed}) are needed`)
          : block(
              `${short}; at least ${percent(minShare)} (${needed}) are needed: ${needed - holders} more must hold it`,
            ),
      );
    }
    if (minCount !== undefined) {
      findings.push(
        holders >= minCount
          ? pass(`${summary}; at least ${minCount} must`)
          : block(`${short}; at least ${minCount} must: ${minCount - holders} more`),
      );
    }
    return findings;
  },
});
