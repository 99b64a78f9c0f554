import { z } from 'zod';
import { query, sql } from '../../../common/sql';
import { AchievementStatus, type Achievement } from '../../achievements/achievement.entity';
import { RecipientKind } from '../award-type.entity';
import {
  block,
  defineRule,
  listing,
  pass,
  recipientName,
  type Finding,
  type RuleContext,
} from './rule';

/** What the rules need to know about each cited achievement. */
interface CitedFacts {
  achievement: Achievement;
  /** Who holds it, for messages. */
  holderName: string;
  /** Held by the recipient: a person's own, or a collective's own or one of its members'. */
  belongs: boolean;
  /** The live award it is already the basis of, if any. */
  usedBy: { awardId: string; typeCode: string; year: number; status: string } | null;
}

const factsCache = new WeakMap<RuleContext, Promise<CitedFacts[]>>();

/** Facts about the cited achievements, read once per evaluation (two statements). */
function citedFacts(context: RuleContext): Promise<CitedFacts[]> {
  let facts = factsCache.get(context);
  if (!facts) {
    facts = readCitedFacts(context);
    factsCache.set(context, facts);
  }
  return facts;
}

async function readCitedFacts(context: RuleContext): Promise<CitedFacts[]> {
  const { manager, cited, recipient } = context;
  if (cited.length === 0) return [];
  const personIds = [...new Set(cited.map((a) => a.personId).filter((id): id is string => !!id))];
  const unitIds = [...new Set(cited.map((a) => a.unitId).filter((id): id is string => !!id))];
  const holders = await query<{ id: string; name: string; unit_id: string | null }>(
    manager,
    sql`SELECT id, full_name AS name, unit_id FROM person WHERE id = ANY(${personIds})
        UNION ALL
        SELECT id, name, NULL FROM unit WHERE id = ANY(${unitIds})`,
  );
  const holderById = new Map(holders.map((h) => [h.id, h]));
  // Only active links count: a REJECTED or REVOKED award frees its achievements.
  const used = await query<{
    achievement_id: string;
    award_id: string;
    code: string;
    year: number;
    status: string;
  }>(
    manager,
    sql`SELECT aa.achievement_id, a.id AS award_id, t.code, a.year, a.status
          FROM award_achievement aa
          JOIN award a ON a.id = aa.award_id
          JOIN award_type t ON t.id = a.type_id
         WHERE aa.achievement_id = ANY(${cited.map((a) => a.id)}) AND aa.active`,
  );
  const usedById = new Map(used.map((u) => [u.achievement_id, u]));
  return cited.map((achievement) => {
    const holderId = achievement.personId ?? achievement.unitId ?? '';
    const holder = holderById.get(holderId);
    let belongs: boolean;
    if (recipient.kind === RecipientKind.INDIVIDUAL) {
      belongs = achievement.personId === recipient.id;
    } else {
      belongs =
        achievement.unitId === recipient.id ||
        (achievement.personId !== null && holder?.unit_id === recipient.id);
    }
    const use = usedById.get(achievement.id);
    return {
      achievement,
      holderName: holder?.name ?? 'someone else',
      belongs,
      usedBy: use
        ? { awardId: use.award_id, typeCode: use.code, year: use.year, status: use.status }
        : null,
    };
  });
}

const quoted = (achievement: Achievement) => `"${achievement.title}"`;

/**
 * Cited achievements exist, are VERIFIED, belong to the recipient (a
 * collective's own or its members': people whose unit is that unit), and are
 * not already the basis of another live award: one achievement, one award.
 */
export const CITED_ACHIEVEMENTS = defineRule({
  code: 'CITED_ACHIEVEMENTS',
  params: z.object({}).strict(),
  legalBasis: 'Law 06/2022/QH15, art. 5: one achievement is the basis of one award only',
  describe: () =>
    "Cited achievements are VERIFIED, belong to the recipient (a collective's own or its members'), " +
    'and are not already the basis of another award that is not REJECTED or REVOKED.',
  async check(context) {
    const { citedIds, cited, recipient, label } = context;
    if (citedIds.length === 0) return [pass('No achievements are cited')];
    const findings: Finding[] = [];
    const found = new Set(cited.map((a) => a.id));
    for (const id of citedIds) {
      if (!found.has(id))
        findings.push(block(`No achievement has the id ${id}: remove it from achievementIds`));
    }
    const name = recipientName(recipient);
    for (const facts of await citedFacts(context)) {
      const { achievement, usedBy } = facts;
      if (achievement.status !== AchievementStatus.VERIFIED) {
        findings.push(
          block(
            `Achievement ${quoted(achievement)} is ${achievement.status}: only VERIFIED achievements can be the basis of an award; have it verified first`,
          ),
        );
      }
      if (!facts.belongs) {
        const whose =
          recipient.kind === RecipientKind.INDIVIDUAL
            ? `not by ${name}`
            : `who is neither ${name} nor one of its members`;
        findings.push(
          block(
            `Achievement ${quoted(achievement)} is held by ${facts.holderName}, ${whose}: cite the recipient's own achievements`,
          ),
        );
      }
      if (usedBy) {
        findings.push(
          block(
            `Achievement ${quoted(achievement)} is already the basis of ${label(usedBy.typeCode)} ${usedBy.year} (award ${usedBy.awardId}, ${usedBy.status}): one achievement, one award; cite another one`,
          ),
        );
      }
    }
    if (findings.length) return findings;
    const titles = listing(cited.map(quoted));
    return [
      pass(
        `${titles} ${cited.length === 1 ? 'is' : 'are'} verified, held by ${name}, and the basis of no other award`,
      ),
    ];
  },
});

/**
 * A commendation cites at least `minCount` achievements that are verified,
 * the recipient's, and the basis of no other award. With none cited, the
 * message names candidates the secretary could cite.
 */
export const CITES_VERIFIED_ACHIEVEMENT = defineRule({
  code: 'CITES_VERIFIED_ACHIEVEMENT',
  params: z.object({ minCount: z.number().int().min(1).default(1) }).strict(),
  legalBasis: 'Law 06/2022/QH15: commendations reward a recorded achievement',
  describe: ({ minCount }) =>
    `Cites at least ${minCount} verified achievement${minCount === 1 ? '' : 's'} of the recipient (a collective's own or its members').`,
  async check(context, { minCount }) {
    const { recipient, manager, citedIds } = context;
    const name = recipientName(recipient);
    const good = (await citedFacts(context)).filter(
      (f) => f.achievement.status === AchievementStatus.VERIFIED && f.belongs && !f.usedBy,
    );
    const needed = `at least ${minCount} verified achievement${minCount === 1 ? '' : 's'}`;
    if (good.length >= minCount) {
      return [pass(`Cites ${listing(good.map((f) => quoted(f.achievement)))}`)];
    }
    // Suggest what could be cited: the recipient's verified achievements that no live award uses.
    const holderCondition =
      recipient.kind === RecipientKind.INDIVIDUAL
        ? sql`a.person_id = ${recipient.id}`
        : sql`(a.unit_id = ${recipient.id}
               OR a.person_id IN (SELECT id FROM person WHERE unit_id = ${recipient.id}))`;
    const candidates = await query<{ title: string; achieved_on: string }>(
      manager,
      sql`SELECT a.title, a.achieved_on FROM achievement a
           WHERE ${holderCondition} AND a.status = 'VERIFIED'
             AND NOT EXISTS (SELECT 1 FROM award_achievement aa
                              WHERE aa.achievement_id = a.id AND aa.active)
           ORDER BY a.achieved_on DESC, a.id LIMIT 5`,
    );
    const cite =
      citedIds.length === 0 ? 'none is cited' : `only ${good.length} of those cited qualify`;
    const hint = candidates.length
      ? `; ${name} could cite ${listing(candidates.map((c) => `"${c.title}" (${c.achieved_on})`))}`
      : `; ${name} has no verified achievement free to cite: record one and have it verified`;
    return [block(`Cite ${needed} of ${name}: ${cite}${hint}`)];
  },
});
