import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertUnitInScope } from '../../auth/scope';
import {
  paginate,
  paginateByParent,
  type Connection,
  type PageArgs,
  type PageOrder,
  type RowExtension,
} from '../../common/connection';
import { checkDay, vietnamToday } from '../../common/dates';
import { parseId, parseOptionalId } from '../../common/ids';
import { readRecipient } from '../../common/recipient';
import { defineLifecycle } from '../../common/lifecycle';
import { lockById } from '../../common/locks';
import { entityRows } from '../../common/rows';
import { query, sql, type SqlFragment } from '../../common/sql';
import type { ServiceDeps } from '../../common/services';
import { checkYear, optionalText, requiredText } from '../../common/validate';
import { BadInputError, isUniqueViolation, NotFoundError, RuleViolationError } from '../../errors';
import { inBoth, msg, render } from '../../i18n/i18n';
import type { MessageParam } from '../../i18n/messages';
import { Role } from '../accounts/account.entity';
import { Achievement } from '../achievements/achievement.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { AwardAchievement } from './award-achievement.entity';
import { AWARD_LEVEL_ORDER, AwardCategory, AwardType, RecipientKind } from './award-type.entity';
import { Award, AwardKind, AwardStatus } from './award.entity';
import type { AwardFilter, EligibilityInput, NominateAwardInput } from './award.inputs';
import { bonusesOf, type Bonus } from './bonus';
import { RuleBook } from './rule-book';
import type { AwardTypeVersion } from './rule-set.entity';
import {
  describeRules,
  evaluate,
  findRecipient,
  type Evaluation,
  type RuleDescription,
} from './rules/engine';
import { checkExtension, RuleOutcome, type Check } from './rules/rule';

/** Awards are listed newest year first, then by id (a stable, total order). */
export const AWARD_ORDER: PageOrder<Award> = { keys: ['year', 'id'], direction: 'DESC' };

/**
 * The award lifecycle: NOMINATED → APPROVED | REJECTED; APPROVED → ANNOUNCED
 * (at a LIVE conference); APPROVED | ANNOUNCED → REVOKED. REJECTED and
 * REVOKED are final.
 */
export const AWARD_LIFECYCLE = defineLifecycle<AwardStatus>('Award', {
  NOMINATED: [AwardStatus.APPROVED, AwardStatus.REJECTED],
  APPROVED: [AwardStatus.ANNOUNCED, AwardStatus.REVOKED],
  ANNOUNCED: [AwardStatus.REVOKED],
  REJECTED: [],
  REVOKED: [],
});

/** Roles that nominate anywhere; a UNIT_MANAGER nominates in its own subtree only. */
const NOMINATE_ANYWHERE = [Role.SECRETARY];

/** Most achievements one nomination may cite. */
export const MAX_CITED = 20;

/** A title a person holds for one year: the award behind it. */
export interface TitleOfYear {
  year: number;
  award: Award;
}

/**
 * Awards: the catalogue and its rules, eligibility (a dry run of the rules),
 * nominations, council decisions, revocations, and the lists profiles show.
 */
export class AwardService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /** The award catalogue, in its display order. */
  catalogue(manager: EntityManager = this.dataSource.manager): Promise<AwardType[]> {
    return entityRows(manager, AwardType).select(manager, sql`true`, {
      sortOrder: 'ASC',
      code: 'ASC',
    });
  }

  /** The law as data (catalogue, rule sets and versions, base salaries), read in two statements. */
  async book(manager: EntityManager = this.dataSource.manager): Promise<RuleBook> {
    return RuleBook.load(manager, await this.catalogue(manager));
  }

  /** The rules of a type's version, each described from the catalogue's parameters. */
  describeRules(version: AwardTypeVersion, book: RuleBook): RuleDescription[] {
    return describeRules(version, book);
  }

  /**
   * The bonus of each award (how it is worked out, and what is paid), in one
   * statement for the batch. See bonus.ts.
   */
  bonuses(awards: readonly Award[], book: RuleBook): Promise<Bonus[]> {
    return bonusesOf(this.dataSource.manager, book, awards);
  }

  /**
   * Runs every rule of the type for the recipient and year without writing
   * anything: what nominateAward would check, under the rule set in force on
   * `on` (today in Vietnam by default). NOT_FOUND for an unknown type code;
   * BAD_USER_INPUT unless exactly one of personId and unitId is given.
   */
  async eligibility(input: EligibilityInput): Promise<Evaluation> {
    const request = this.readRequest(input);
    const on = input.on ? checkDay(input.on, 'on') : vietnamToday();
    const manager = this.dataSource.manager;
    const { book, type, recipient } = await this.resolve(manager, request, false);
    const cited = request.citedIds.length
      ? await manager.findBy(Achievement, { id: In(request.citedIds) })
      : [];
    return evaluate(manager, { ...request, book, type, on, recipient, cited });
  }

  /**
   * Nominates a person or a collective, under the rule set in force today (in
   * Vietnam). In one transaction: locks the recipient and the cited
   * achievements (so nominations that could collide are checked one after
   * the other), runs the rules, and writes the award and the achievements it
   * cites. Any BLOCK fails with RULE_VIOLATION and `extensions.checks`; WARN
   * messages are stored on the award.
   * A UNIT_MANAGER nominates only in its subtree (FORBIDDEN otherwise) and is
   * the nominating unit; for SECRETARY and ADMIN it is the recipient's unit.
   */
  async nominate(actor: Actor, input: NominateAwardInput): Promise<Award> {
    return this.dataSource.transaction((manager) => this.nominateWith(manager, actor, input));
  }

  /**
   * nominate, inside the caller's transaction (a dossier sent to the council
   * nominates all its nominees at once, all or none). `nominatedById` names
   * the nominating unit instead of the actor's.
   */
  async nominateWith(
    manager: EntityManager,
    actor: Actor,
    input: NominateAwardInput,
    options: { nominatedById?: string } = {},
  ): Promise<Award> {
    const request = this.readRequest(input);
    const campaignId = parseOptionalId(input.campaignId, 'campaignId');
    const citation = optionalText(input.citation, 'citation', 2000) ?? null;
    const on = vietnamToday();
    try {
      return await (async () => {
        const { book, type, recipient } = await this.resolve(manager, request, true);
        // Without a recipient there is nothing to scope against: the rules report it below.
        if (recipient) {
          await assertUnitInScope(manager, actor, recipient.unit.id, NOMINATE_ANYWHERE);
        }
        if (campaignId && !(await manager.existsBy(Campaign, { id: campaignId }))) {
          throw new NotFoundError('Campaign', campaignId);
        }
        const cited = await lockAchievements(manager, request.citedIds);
        const evaluation = await evaluate(manager, {
          ...request,
          book,
          type,
          on,
          recipient,
          cited,
        });
        if (!evaluation.eligible || !recipient) {
          throw nominationRefused(book, type.code, request.year, evaluation.checks);
        }
        const award = manager.create(Award, {
          typeId: type.id,
          isTitle: type.category === AwardCategory.EMULATION_TITLE,
          personId: recipient.kind === RecipientKind.INDIVIDUAL ? recipient.id : null,
          unitId: recipient.kind === RecipientKind.COLLECTIVE ? recipient.id : null,
          recipientUnitId: recipient.unit.id,
          year: request.year,
          kind: request.kind,
          citation,
          status: AwardStatus.NOMINATED,
          campaignId: campaignId ?? null,
          nominatedById:
            options.nominatedById ??
            (actor.role === Role.UNIT_MANAGER && actor.unitId ? actor.unitId : recipient.unit.id),
          warnings: evaluation.warnings.map((c) => render(c.message, 'en')),
          warningMessages: evaluation.warnings.map((c) => ({
            key: c.message.key,
            params: c.message.params as Record<string, MessageParam>,
          })),
          meetingId: null,
          decisionId: null,
        });
        await manager.insert(Award, award);
        if (cited.length) {
          await manager.insert(
            AwardAchievement,
            cited.map((a) => ({ awardId: award.id, achievementId: a.id, active: true })),
          );
        }
        return manager.findOneByOrFail(Award, { id: award.id });
      })();
    } catch (error) {
      // The locks above make these unreachable in practice; the indexes are the last word.
      if (isUniqueViolation(error, 'award_achievement_one_award')) {
        throw raceRefusal(
          request.typeCode,
          request.year,
          'CITED_ACHIEVEMENTS',
          'nomination.race.achievement',
        );
      }
      if (isUniqueViolation(error, 'award_one_title_a_year')) {
        throw raceRefusal(
          request.typeCode,
          request.year,
          'TITLE_ONCE_A_YEAR',
          'nomination.race.title',
        );
      }
      throw error;
    }
  }

  /**
   * Revokes an APPROVED or ANNOUNCED award (RULE_VIOLATION from any other
   * state), with a reason (BAD_USER_INPUT when blank). Frees the achievements
   * it cited, so they can be the basis of another award.
   */
  async revoke(rawId: string, rawReason: string): Promise<Award> {
    const id = parseId(rawId);
    const reason = requiredText(rawReason, 'reason', 2000);
    return this.dataSource.transaction(async (manager) => {
      const award = await lockById(manager, Award, id);
      AWARD_LIFECYCLE.assertTransition(award.status, AwardStatus.REVOKED);
      await manager.update(
        Award,
        { id },
        { status: AwardStatus.REVOKED, revokedReason: reason, revokedAt: new Date() },
      );
      await freeAchievements(manager, id);
      return manager.findOneByOrFail(Award, { id });
    });
  }

  /**
   * Awards matching the filter, newest year first. `unitId` covers awards to
   * that unit, its subunits and the people of them (by the recipient's unit
   * at nomination, through the indexed unit path).
   */
  list(
    filter: AwardFilter | null | undefined,
    page: PageArgs,
    extension?: RowExtension<Award>,
  ): Promise<Connection<Award>> {
    const where = awardFilterSql(filter);
    return paginate(this.dataSource.manager, Award, page, { order: AWARD_ORDER, where }, extension);
  }

  /**
   * A page of awards of each parent, for the Person.awards (by `personId`,
   * optionally of one status), Unit.awards (a unit's own awards as a
   * collective, by `unitId`, optionally of one year), Campaign.awards and
   * AwardDecision.awards (by `decisionId`) loaders.
   */
  awardsOf(
    parent: 'personId' | 'unitId' | 'campaignId' | 'decisionId',
    parentIds: readonly string[],
    page: PageArgs,
    filter: { status?: AwardStatus | null; year?: number | null } = {},
  ): Promise<Connection<Award>[]> {
    const { status, year } = filter;
    return paginateByParent(this.dataSource.manager, Award, page, {
      parent,
      parentIds,
      order: AWARD_ORDER,
      where: sql.and(
        status && sql`t.status = ${status}`,
        year !== null && year !== undefined && sql`t.year = ${checkYear(year)}`,
      ),
    });
  }

  /**
   * Each person's emulation titles (APPROVED or ANNOUNCED), one per year,
   * newest first. With several titles in one year the highest counts: by
   * level (NATIONAL > MINISTERIAL > PROVINCIAL > GRASSROOTS), then by
   * catalogue order (CSTD_CO_SO over LAO_DONG_TIEN_TIEN), as RuleBook ranks them.
   * One statement for any number of people.
   */
  async titleHistories(personIds: readonly string[]): Promise<TitleOfYear[][]> {
    const manager = this.dataSource.manager;
    const awards = entityRows(manager, Award);
    const rows = await query<{ person_id: string }>(
      manager,
      titleHistorySql(sql`a.person_id = ANY(${[...personIds]})`, awards.columns('a')),
    );
    const grouped = new Map<string, TitleOfYear[]>();
    for (const row of rows) {
      const award = awards.hydrate(row);
      const list = grouped.get(row.person_id) ?? [];
      list.push({ year: award.year, award });
      grouped.set(row.person_id, list);
    }
    return personIds.map((id) => grouped.get(id) ?? []);
  }

  /** The ids of the achievements each award cites, oldest first. */
  async achievementIdsOf(awardIds: readonly string[]): Promise<string[][]> {
    const rows = await query<{ award_id: string; achievement_id: string }>(
      this.dataSource,
      sql`SELECT aa.award_id, aa.achievement_id
            FROM award_achievement aa JOIN achievement a ON a.id = aa.achievement_id
           WHERE aa.award_id = ANY(${[...awardIds]})
           ORDER BY a.achieved_on, a.id`,
    );
    const grouped = new Map<string, string[]>();
    for (const row of rows) {
      const list = grouped.get(row.award_id) ?? [];
      list.push(row.achievement_id);
      grouped.set(row.award_id, list);
    }
    return awardIds.map((id) => grouped.get(id) ?? []);
  }

  /** For each achievement, the id of the live award citing it, or null. */
  async activeAwardIdsOf(achievementIds: readonly string[]): Promise<(string | null)[]> {
    const rows = await query<{ award_id: string; achievement_id: string }>(
      this.dataSource,
      sql`SELECT award_id, achievement_id FROM award_achievement
           WHERE achievement_id = ANY(${[...achievementIds]}) AND active`,
    );
    const byAchievement = new Map(rows.map((r) => [r.achievement_id, r.award_id]));
    return achievementIds.map((id) => byAchievement.get(id) ?? null);
  }

  /**
   * The law as data, the requested type (NOT_FOUND when the catalogue has
   * none) and the recipient (null when missing; locked with `lock`).
   */
  private async resolve(manager: EntityManager, request: Request, lock: boolean) {
    const book = await this.book(manager);
    const type = findType(book, request.typeCode);
    const recipient = await findRecipient(
      manager,
      request.recipientKind,
      request.recipientId,
      lock,
    );
    return { book, type, recipient };
  }

  /** Checks and normalises what eligibility and nominateAward share. */
  private readRequest(input: EligibilityInput | NominateAwardInput): Request {
    const typeCode = requiredText(input.typeCode, 'typeCode', 60);
    const year = checkYear(input.year);
    const { personId, unitId } = readRecipient(input);
    const ids = (input.achievementIds ?? []).map((id, i) => parseId(id, `achievementIds[${i}]`));
    const achievementIds = [...new Set(ids)];
    if (achievementIds.length > MAX_CITED) {
      throw new BadInputError(msg('nomination.tooManyCited', { max: MAX_CITED }), {
        field: 'achievementIds',
      });
    }
    return {
      typeCode,
      year,
      kind: input.kind ?? AwardKind.THUONG_XUYEN,
      recipientKind: personId ? RecipientKind.INDIVIDUAL : RecipientKind.COLLECTIVE,
      recipientId: (personId ?? unitId) as string,
      citedIds: achievementIds,
    };
  }
}

/** What eligibility and nominateAward ask about, checked. */
interface Request {
  typeCode: string;
  year: number;
  kind: AwardKind;
  recipientKind: RecipientKind;
  recipientId: string;
  citedIds: string[];
}

/** The type with `code`; NOT_FOUND when the catalogue has none. */
export function findType(book: RuleBook, code: string): AwardType {
  const type = book.typeByCode(code);
  if (!type) throw new NotFoundError('AwardType', code);
  return type;
}

/** RULE_VIOLATION carrying every check, led by the first BLOCK. */
export function nominationRefused(
  book: RuleBook,
  typeCode: string,
  year: number,
  checks: Check[],
): RuleViolationError {
  const blocks = checks.filter((c) => c.outcome === RuleOutcome.BLOCK);
  const first = blocks[0]?.message ?? msg('nomination.someRuleNotMet');
  const params = { title: book.label(typeCode), year, first: inBoth(first) };
  return new RuleViolationError(
    blocks.length > 1
      ? msg('nomination.refusedMore', { ...params, more: blocks.length - 1 })
      : msg('nomination.refused', params),
    { checks: checks.map(checkExtension) },
  );
}

/** The refusal when a unique index caught what the locks should have. */
function raceRefusal(
  typeCode: string,
  year: number,
  rule: string,
  key: 'nomination.race.achievement' | 'nomination.race.title',
): RuleViolationError {
  const check: Check = {
    rule,
    outcome: RuleOutcome.BLOCK,
    message: msg(key, { code: typeCode, year }),
    legalBasis: null,
  };
  return new RuleViolationError(
    msg('nomination.refused', {
      title: { vi: typeCode, en: typeCode },
      year,
      first: inBoth(check.message),
    }),
    { checks: [checkExtension(check)] },
  );
}

/**
 * Locks the cited achievements in id order (so two nominations never wait on
 * each other in a cycle) and reads them. Missing ids are left out; the rules
 * report them.
 */
export async function lockAchievements(
  manager: EntityManager,
  ids: string[],
): Promise<Achievement[]> {
  if (ids.length === 0) return [];
  await query(
    manager,
    sql`SELECT id FROM achievement WHERE id = ANY(${ids}) ORDER BY id FOR NO KEY UPDATE`,
  );
  return manager.findBy(Achievement, { id: In(ids) });
}

/** A REJECTED or REVOKED award no longer holds its achievements. */
export async function freeAchievements(manager: EntityManager, awardId: string): Promise<void> {
  await manager.update(AwardAchievement, { awardId, active: true }, { active: false });
}

/**
 * The condition (on alias `t`) of the `awards` filter: what the list and its
 * exports select. BAD_USER_INPUT for malformed ids or a bad year.
 */
export function awardFilterSql(filter: AwardFilter | null | undefined): SqlFragment {
  const unitId = parseOptionalId(filter?.unitId, 'filter.unitId');
  const personId = parseOptionalId(filter?.personId, 'filter.personId');
  const campaignId = parseOptionalId(filter?.campaignId, 'filter.campaignId');
  const conferenceId = parseOptionalId(filter?.conferenceId, 'filter.conferenceId');
  const year = filter?.year ?? null;
  return sql.and(
    filter?.status && sql`t.status = ${filter.status}`,
    filter?.typeCode &&
      sql`t.type_id IN (SELECT id FROM award_type WHERE code = ${filter.typeCode.trim()})`,
    unitId &&
      sql`t.recipient_unit_id IN (SELECT u.id FROM unit u
            WHERE u.path LIKE (SELECT p.path FROM unit p WHERE p.id = ${unitId}) || '%')`,
    personId && sql`t.person_id = ${personId}`,
    campaignId && sql`t.campaign_id = ${campaignId}`,
    conferenceId && sql`t.conference_id = ${conferenceId}`,
    year !== null && sql`t.year = ${checkYear(year, 'filter.year')}`,
  );
}

/** A level's rank in SQL, 1 for GRASSROOTS up to 4 for NATIONAL (AWARD_LEVEL_ORDER). */
export function levelRank(level: SqlFragment): SqlFragment {
  return sql`array_position(${[...AWARD_LEVEL_ORDER]}::text[], ${level})`;
}

/**
 * The title history of the people whose awards `people` selects (a condition
 * on `a`, the award): their emulation titles (APPROVED or ANNOUNCED), one per
 * person and year, the highest of a year: by level, then by catalogue order,
 * as RuleBook.compareTitles ranks them. `columns` are read from `a`; rows come
 * by person, newest year first.
 */
export function titleHistorySql(people: SqlFragment, columns: SqlFragment): SqlFragment {
  return sql`SELECT DISTINCT ON (a.person_id, a.year) ${columns}
               FROM award a JOIN award_type t ON t.id = a.type_id
              WHERE ${people} AND t.category = 'EMULATION_TITLE'
                AND a.status IN ('APPROVED', 'ANNOUNCED')
              ORDER BY a.person_id, a.year DESC, ${levelRank(sql`t.level`)} DESC, t.sort_order DESC, a.id`;
}
