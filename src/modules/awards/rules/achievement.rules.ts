import { query, sql } from '../../../common/sql';
import { z } from 'zod';
import { msg } from '../../../i18n/i18n';
import type { LocalizedText } from '../../../i18n/messages';
import { AchievementStatus, type Achievement } from '../../achievements/achievement.entity';
import { RecipientKind } from '../award-type.entity';
import {
  block,
  counted,
  defineRule,
  joined,
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
  holderName: LocalizedText;
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
  const { manager, cited, recipient, excludeAwardId } = context;
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
        WHERE aa.achievement_id = ANY(${cited.map((a) => a.id)}) AND aa.active AND aa.award_id IS DISTINCT FROM ${excludeAwardId}`,
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
      holderName: holder ? { vi: holder.name, en: holder.name } : SOMEONE_ELSE,
      belongs,
      usedBy: use
        ? { awardId: use.award_id, typeCode: use.code, year: use.year, status: use.status }
        : null,
    };
  });
}

/** "1 verified achievement" in both languages. */
const verified = (count: number) =>
  counted(count, 'thành tích đã được xác nhận', 'verified achievement', 'verified achievements');

const SOMEONE_ELSE: LocalizedText = { vi: 'người khác', en: 'someone else' };

/**
 * Cited achievements exist, are VERIFIED, belong to the recipient (a
 * collective's own or its members': people whose unit is that unit), and are
 * not already the basis of another live award: one achievement, one award
 * (Law 06/2022/QH15 Art. 5: no achievement is rewarded twice).
 */
export const CITED_ACHIEVEMENTS = defineRule({
  code: 'CITED_ACHIEVEMENTS',
  params: z.object({}).strict(),
  basis: [{ act: 'LAW_06_2022', article: '5' }],
  describe: () => msg('ruleDesc.citedAchievements'),
  async check(context) {
    const { citedIds, cited, recipient, label } = context;
    if (citedIds.length === 0) return [pass(msg('rule.cited.none'))];
    const findings: Finding[] = [];
    const found = new Set(cited.map((a) => a.id));
    for (const id of citedIds) {
      if (!found.has(id)) findings.push(block(msg('rule.cited.missing', { id })));
    }
    const name = recipientName(recipient);
    for (const facts of await citedFacts(context)) {
      const { achievement, usedBy } = facts;
      const title = achievement.title;
      if (achievement.status !== AchievementStatus.VERIFIED) {
        findings.push(block(msg('rule.cited.notVerified', { title, status: achievement.status })));
      }
      if (!facts.belongs) {
        findings.push(
          block(
            recipient.kind === RecipientKind.INDIVIDUAL
              ? msg('rule.cited.notTheirs', { title, holder: facts.holderName, name })
              : msg('rule.cited.notTheUnits', { title, holder: facts.holderName, name }),
          ),
        );
      }
      if (usedBy) {
        findings.push(
          block(
            msg('rule.cited.alreadyUsed', {
              title,
              award: label(usedBy.typeCode),
              year: usedBy.year,
              awardId: usedBy.awardId,
              status: usedBy.status,
            }),
          ),
        );
      }
    }
    if (findings.length) return findings;
    const titles = listing(cited.map((a) => `"${a.title}"`));
    return [
      pass(
        cited.length === 1
          ? msg('rule.cited.okOne', { titles, name })
          : msg('rule.cited.okMany', { titles, name }),
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
  basis: [{ act: 'LAW_06_2022', article: '5' }],
  describe: ({ minCount }) => msg('ruleDesc.citesVerified', { needed: verified(minCount) }),
  async check(context, { minCount }) {
    const { recipient, manager, citedIds, excludeAwardId } = context;
    const name = recipientName(recipient);
    const good = (await citedFacts(context)).filter(
      (f) => f.achievement.status === AchievementStatus.VERIFIED && f.belongs && !f.usedBy,
    );
    if (good.length >= minCount) {
      return [
        pass(
          msg('rule.citesVerified.ok', {
            titles: listing(good.map((f) => `"${f.achievement.title}"`)),
          }),
        ),
      ];
    }
    // Suggest what could be cited: the recipient's verified achievements that no live award uses.
    const holderCondition =
      recipient.kind === RecipientKind.INDIVIDUAL
        ? sql`a.person_id = ${recipient.id}`
        : sql`(a.unit_id = ${recipient.id} OR a.person_id IN (SELECT id FROM person WHERE unit_id = ${recipient.id}))`;
    const candidates = await query<{ title: string; achieved_on: string }>(
      manager,
      sql`SELECT a.title, a.achieved_on FROM achievement a
        WHERE ${holderCondition} AND a.status = 'VERIFIED'
          AND NOT EXISTS (SELECT 1 FROM award_achievement aa
                           WHERE aa.achievement_id = a.id AND aa.active
                             AND aa.award_id IS DISTINCT FROM ${excludeAwardId})
        ORDER BY a.achieved_on DESC, a.id LIMIT 5`,
    );
    const cite =
      citedIds.length === 0
        ? msg('rule.citesVerified.noneCited')
        : msg('rule.citesVerified.fewQualify', { count: good.length });
    const hint = candidates.length
      ? msg('rule.citesVerified.candidates', {
          name,
          candidates: listing(
            candidates.map((c) => ({
              vi: `"${c.title}" (${c.achieved_on.split('-').reverse().join('/')})`,
              en: `"${c.title}" (${c.achieved_on})`,
            })),
          ),
        })
      : msg('rule.citesVerified.noCandidates', { name });
    return [
      block(
        msg('rule.citesVerified.missing', {
          needed: verified(minCount),
          name,
          detail: joined([cite, hint]),
        }),
      ),
    ];
  },
});
