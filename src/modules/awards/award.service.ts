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
import { parseId, parseOptionalId } from '../../common/ids';
import { defineLifecycle } from '../../common/lifecycle';
import { lockById } from '../../common/locks';
import { entityRows } from '../../common/rows';
import { query, sql, type SqlFragment } from '../../common/sql';
import type { ServiceDeps } from '../../common/services';
import { checkYear, optionalText, requiredText } from '../../common/validate';
import type { Config } from '../../config';
import { BadInputError, isUniqueViolation, NotFoundError, RuleViolationError } from '../../errors';
import { Role } from '../accounts/account.entity';
import { Achievement } from '../achievements/achievement.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { settleDossiers } from '../dossiers/dossier.lifecycle';
import { AwardAchievement } from './award-achievement.entity';
import { AwardCategory, AwardType, RecipientKind } from './award-type.entity';
import { Award, AwardStatus } from './award.entity';
import type {
  AwardFilter,
  DecideAwardInput,
  EligibilityInput,
  NominateAwardInput,
} from './award.inputs';
import {
  describeRules,
  evaluate,
  findRecipient,
  labeller,
  type Evaluation,
  type RuleDescription,
} from './rules/engine';
import { RuleOutcome, type Check } from './rules/rule';

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
const MAX_CITED = 20;

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
  private readonly config: Config;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.config = deps.config;
  }

  /** The award catalogue, in its display order. */
  catalogue(manager: EntityManager = this.dataSource.manager): Promise<AwardType[]> {
    return entityRows(manager, AwardType).select(manager, sql`true`, {
      sortOrder: 'ASC',
      code: 'ASC',
    });
  }

  /** The rules of a type, each described from the catalogue's parameters. */
  describeRules(type: AwardType, catalogue: readonly AwardType[]): RuleDescription[] {
    return describeRules(type, catalogue);
  }

  /** Cash bonus in VND: bonusMultiple × BASE_SALARY_VND, rounded to whole dong. */
  bonusAmount(type: Pick<AwardType, 'bonusMultiple'>): number {
    // bonus_multiple has two decimals: scale to an integer first so 0.3 × 2,340,000 is exact.
    return Math.round((Math.round(type.bonusMultiple * 100) * this.config.BASE_SALARY_VND) / 100);
  }

  /**
   * Runs every rule of the type for the recipient and year without writing
   * anything: what nominateAward would check. NOT_FOUND for an unknown type
   * code; BAD_USER_INPUT unless exactly one of personId and unitId is given.
   */
  async eligibility(input: EligibilityInput): Promise<Evaluation> {
    const request = this.readRequest(input);
    const manager = this.dataSource.manager;
    const { catalogue, type, recipient } = await this.resolve(manager, request, false);
    const cited = request.citedIds.length
      ? await manager.findBy(Achievement, { id: In(request.citedIds) })
      : [];
    return evaluate(manager, { ...request, type, catalogue, recipient, cited });
  }

  /**
   * Nominates a person or a collective. In one transaction: locks the
   * recipient and the cited achievements (so nominations that could collide
   * are checked one after the other), runs the rules, and writes the award
   * and the achievements it cites. Any BLOCK fails with RULE_VIOLATION and
   * `extensions.checks`; WARN messages are stored on the award.
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
    try {
      return await (async () => {
        const { catalogue, type, recipient } = await this.resolve(manager, request, true);
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
          type,
          catalogue,
          recipient,
          cited,
        });
        if (!evaluation.eligible || !recipient) {
          throw ruleViolation(labeller(catalogue)(type.code), request.year, evaluation.checks);
        }
        const award = manager.create(Award, {
          typeId: type.id,
          isTitle: type.category === AwardCategory.EMULATION_TITLE,
          personId: recipient.kind === RecipientKind.INDIVIDUAL ? recipient.id : null,
          unitId: recipient.kind === RecipientKind.COLLECTIVE ? recipient.id : null,
          recipientUnitId: recipient.unit.id,
          year: request.year,
          citation,
          status: AwardStatus.NOMINATED,
          campaignId: campaignId ?? null,
          nominatedById:
            options.nominatedById ??
            (actor.role === Role.UNIT_MANAGER && actor.unitId ? actor.unitId : recipient.unit.id),
          warnings: evaluation.warnings,
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
        throw ruleViolation(request.typeCode, request.year, [
          raceCheck(
            'CITED_ACHIEVEMENTS',
            'A cited achievement became the basis of another award meanwhile: one achievement, one award',
          ),
        ]);
      }
      if (isUniqueViolation(error, 'award_one_title_a_year')) {
        throw ruleViolation(request.typeCode, request.year, [
          raceCheck(
            'TITLE_ONCE_A_YEAR',
            `The recipient was nominated for ${request.typeCode} ${request.year} meanwhile: a title is given at most once a year`,
          ),
        ]);
      }
      throw error;
    }
  }

  /**
   * The council's decision on a NOMINATED award. Both outcomes need a quorum
   * (membersPresent ≥ ⌈2/3 × membersTotal⌉) and votes adding up to at most
   * membersPresent. Approval also needs votesFor / membersTotal ≥ the type's
   * approvalThreshold, a decision number and a decision date. Rejection frees
   * the cited achievements. BAD_USER_INPUT for negative counts or an empty
   * council; RULE_VIOLATION for any failed rule or a state other than NOMINATED.
   */
  async decide(rawId: string, input: DecideAwardInput, actor: Actor): Promise<Award> {
    const id = parseId(rawId);
    const vote = checkVoteInput(input);
    const decisionNumber = optionalText(input.decisionNumber, 'decisionNumber', 100) ?? null;
    const decidedOn = input.decidedOn ?? null;
    const target = input.approve ? AwardStatus.APPROVED : AwardStatus.REJECTED;
    return this.dataSource.transaction(async (manager) => {
      const award = await lockById(manager, Award, id);
      AWARD_LIFECYCLE.assertTransition(award.status, target);
      checkVoteRules(vote);
      if (input.approve) {
        const type = await manager.findOneByOrFail(AwardType, { id: award.typeId });
        checkApproval(type, vote, decisionNumber, decidedOn);
      }
      await manager.update(Award, { id }, { status: target, ...vote, decisionNumber, decidedOn });
      if (target === AwardStatus.REJECTED) await freeAchievements(manager, id);
      // A dossier whose last nominee this was is now DECIDED.
      await settleDossiers(manager, [id], actor);
      return manager.findOneByOrFail(Award, { id });
    });
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
   * collective, by `unitId`, optionally of one year) and Campaign.awards
   * loaders.
   */
  awardsOf(
    parent: 'personId' | 'unitId' | 'campaignId',
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
   * level (NATIONAL > MINISTERIAL > PROVINCIAL > GRASSROOTS), then by bonus
   * multiple (CSTD_CO_SO over LAO_DONG_TIEN_TIEN), then catalogue order.
   * One statement for any number of people.
   */
  async titleHistories(personIds: readonly string[]): Promise<TitleOfYear[][]> {
    const manager = this.dataSource.manager;
    const awards = entityRows(manager, Award);
    const rows = await query<{ person_id: string }>(
      manager,
      sql`SELECT DISTINCT ON (a.person_id, a.year) ${awards.columns('a')}
            FROM award a JOIN award_type t ON t.id = a.type_id
           WHERE a.person_id = ANY(${[...personIds]}) AND t.category = 'EMULATION_TITLE'
             AND a.status IN ('APPROVED', 'ANNOUNCED')
           ORDER BY a.person_id, a.year DESC,
                    array_position(ARRAY['GRASSROOTS','PROVINCIAL','MINISTERIAL','NATIONAL'], t.level) DESC,
                    t.bonus_multiple DESC, t.sort_order DESC, a.id`,
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
   * The catalogue, the requested type (NOT_FOUND when the catalogue has
   * none) and the recipient (null when missing; locked with `lock`).
   */
  private async resolve(manager: EntityManager, request: Request, lock: boolean) {
    const catalogue = await this.catalogue(manager);
    const type = findType(catalogue, request.typeCode);
    const recipient = await findRecipient(
      manager,
      request.recipientKind,
      request.recipientId,
      lock,
    );
    return { catalogue, type, recipient };
  }

  /** Checks and normalises what eligibility and nominateAward share. */
  private readRequest(input: EligibilityInput | NominateAwardInput): Request {
    const typeCode = requiredText(input.typeCode, 'typeCode', 60);
    const year = checkYear(input.year);
    const personId = parseOptionalId(input.personId, 'personId');
    const unitId = parseOptionalId(input.unitId, 'unitId');
    if ((personId === undefined) === (unitId === undefined)) {
      throw new BadInputError('Give exactly one of personId and unitId', {
        field: personId ? 'unitId' : 'personId',
      });
    }
    const ids = (input.achievementIds ?? []).map((id, i) => parseId(id, `achievementIds[${i}]`));
    const achievementIds = [...new Set(ids)];
    if (achievementIds.length > MAX_CITED) {
      throw new BadInputError(`A nomination may cite at most ${MAX_CITED} achievements`, {
        field: 'achievementIds',
      });
    }
    return {
      typeCode,
      year,
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
  recipientKind: RecipientKind;
  recipientId: string;
  citedIds: string[];
}

/** The type with `code`; NOT_FOUND when the catalogue has none. */
function findType(catalogue: readonly AwardType[], code: string): AwardType {
  const type = catalogue.find((t) => t.code === code);
  if (!type) throw new NotFoundError('Award type', code);
  return type;
}

/** RULE_VIOLATION carrying every check, led by the first BLOCK. */
function ruleViolation(label: string, year: number, checks: Check[]): RuleViolationError {
  const blocks = checks.filter((c) => c.outcome === RuleOutcome.BLOCK);
  const first = blocks[0]?.message ?? 'a rule is not met';
  const more = blocks.length > 1 ? ` (and ${blocks.length - 1} more; see extensions.checks)` : '';
  return new RuleViolationError(`Cannot nominate for ${label} ${year}: ${first}${more}`, {
    checks,
  });
}

function raceCheck(rule: string, message: string): Check {
  return { rule, outcome: RuleOutcome.BLOCK, message, legalBasis: null };
}

/**
 * Locks the cited achievements in id order (so two nominations never wait on
 * each other in a cycle) and reads them. Missing ids are left out; the rules
 * report them.
 */
async function lockAchievements(manager: EntityManager, ids: string[]): Promise<Achievement[]> {
  if (ids.length === 0) return [];
  await query(
    manager,
    sql`SELECT id FROM achievement WHERE id = ANY(${ids}) ORDER BY id FOR NO KEY UPDATE`,
  );
  return manager.findBy(Achievement, { id: In(ids) });
}

/** A REJECTED or REVOKED award no longer holds its achievements. */
async function freeAchievements(manager: EntityManager, awardId: string): Promise<void> {
  await manager.update(AwardAchievement, { awardId, active: true }, { active: false });
}

interface Vote {
  membersTotal: number;
  membersPresent: number;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/** Counts must be whole and not negative, and a council has members: else BAD_USER_INPUT. */
function checkVoteInput(input: DecideAwardInput): Vote {
  const vote: Vote = {
    membersTotal: input.membersTotal,
    membersPresent: input.membersPresent,
    votesFor: input.votesFor,
    votesAgainst: input.votesAgainst,
    votesAbstain: input.votesAbstain,
  };
  for (const [field, value] of Object.entries(vote)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new BadInputError(`${field} must be zero or more`, { field });
    }
  }
  if (vote.membersTotal < 1) {
    throw new BadInputError('membersTotal must be at least 1', { field: 'membersTotal' });
  }
  return vote;
}

/** Smallest attendance that makes a quorum: ⌈2/3 × membersTotal⌉. */
export function quorumOf(membersTotal: number): number {
  return Math.ceil((2 * membersTotal) / 3);
}

/** Attendance and vote arithmetic, for approvals and rejections alike. */
function checkVoteRules(vote: Vote): void {
  if (vote.membersPresent > vote.membersTotal) {
    throw new RuleViolationError(
      `membersPresent (${vote.membersPresent}) cannot exceed membersTotal (${vote.membersTotal})`,
    );
  }
  const quorum = quorumOf(vote.membersTotal);
  if (vote.membersPresent < quorum) {
    throw new RuleViolationError(
      `No quorum: ${vote.membersPresent} of ${vote.membersTotal} council members present; at least ${quorum} (two thirds) must be`,
      { quorum },
    );
  }
  const cast = vote.votesFor + vote.votesAgainst + vote.votesAbstain;
  if (cast > vote.membersPresent) {
    throw new RuleViolationError(
      `${cast} votes were counted (${vote.votesFor} for, ${vote.votesAgainst} against, ${vote.votesAbstain} abstaining) but only ${vote.membersPresent} members were present`,
    );
  }
}

/** Approval: enough yes votes of all members, a decision number and a date. */
function checkApproval(
  type: AwardType,
  vote: Vote,
  decisionNumber: string | null,
  decidedOn: string | null,
): void {
  // Thresholds have three decimals (numeric(4,3)): compare in thousandths, exactly.
  const threshold = Math.round(type.approvalThreshold * 1000);
  if (vote.votesFor * 1000 < threshold * vote.membersTotal) {
    const needed = Math.ceil((threshold * vote.membersTotal) / 1000);
    throw new RuleViolationError(
      `Not approved: ${vote.votesFor} of ${vote.membersTotal} council members voted for; ${type.name} needs ${threshold / 10}% of all members, that is ${needed}`,
      { needed },
    );
  }
  if (!decisionNumber) {
    throw new RuleViolationError('Approval needs the decision number (decisionNumber)');
  }
  if (!decidedOn) throw new RuleViolationError('Approval needs the decision date (decidedOn)');
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
