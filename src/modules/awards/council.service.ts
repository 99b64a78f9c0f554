import { In, type DataSource, type EntityManager } from 'typeorm';
import { paginate, type Connection, type PageArgs, type PageOrder } from '../../common/connection';
import { lockById } from '../../common/locks';
import { query, queryOne, sql } from '../../common/sql';
import { addDays, checkDay, vietnamToday } from '../../common/dates';
import { parseId, parseOptionalId } from '../../common/ids';
import { entityRows } from '../../common/rows';
import { searchPattern } from '../../common/search';
import type { ServiceDeps } from '../../common/services';
import { optionalText, requiredText } from '../../common/validate';
import { BadInputError, NotFoundError, RuleViolationError } from '../../errors';
import { inBoth, msg, type Message } from '../../i18n/i18n';
import type { LocalizedText } from '../../i18n/messages';
import type { Actor } from '../../auth/actor';
import { settleDossiers } from '../dossiers/dossier.lifecycle';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { RecipientKind } from './award-type.entity';
import { Award, AwardStatus } from './award.entity';
import type { DecideAwardInput } from './award.inputs';
import { AWARD_LIFECYCLE, AwardService, freeAchievements, lockAchievements } from './award.service';
import { AwardDecision, CouncilMeeting } from './council.entity';
import type {
  AwardDecisionFilter,
  CouncilMeetingFilter,
  HoldCouncilMeetingInput,
} from './council.inputs';
import { basisText, readBasis } from './legal-basis';
import type { RuleBook } from './rule-book';
import { evaluate, findRecipient } from './rules/engine';
import { checkExtension, RuleOutcome } from './rules/rule';

/** Most nominations one meeting may decide in one call. */
const MAX_VOTES = 200;

/** Meetings are listed newest first. */
export const MEETING_ORDER: PageOrder<CouncilMeeting> = {
  keys: ['heldOn', 'id'],
  direction: 'DESC',
};

/** Decisions are listed newest first. */
export const DECISION_ORDER: PageOrder<AwardDecision> = {
  keys: ['decidedOn', 'id'],
  direction: 'DESC',
};

/** A meeting as the council records it, checked. */
interface Sitting {
  heldOn: string;
  councilUnitId: string | null;
  membersTotal: number;
  membersPresent: number;
  minutes: string | null;
}

/** The decision approving a meeting's nominations, checked. */
interface DecisionSpec {
  number: string;
  decidedOn: string;
  signer: string | null;
  issuingBody: string | null;
}

/** One vote, checked. */
interface Vote {
  awardId: string;
  approve: boolean;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/**
 * The Emulation & Reward Council: meetings that decide nominations, each
 * with its votes, and the register of decisions. The quorum comes from the
 * rule set in force on the meeting's day; each approval is checked — its
 * threshold and every rule of its type — under the rule set in force on the
 * decision's day, and registered under that decision. Written votes of absent
 * members count, so a nomination's votes may add up to `membersTotal`.
 */
export class CouncilService {
  private readonly dataSource: DataSource;
  private readonly awards: AwardService;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.awards = new AwardService(deps);
  }

  /**
   * A meeting deciding several NOMINATED awards. All or nothing, in one
   * transaction: BAD_USER_INPUT for malformed counts or dates, NOT_FOUND for
   * an unknown award, RULE_VIOLATION (naming the award) for no quorum, too
   * many votes, too few yes votes, a rule no longer met on the decision date,
   * or an award that is not NOMINATED.
   */
  async holdMeeting(input: HoldCouncilMeetingInput, actor: Actor): Promise<CouncilMeeting> {
    const sitting: Sitting = {
      heldOn: checkDay(input.heldOn, 'heldOn'),
      councilUnitId: parseOptionalId(input.councilUnitId, 'councilUnitId') ?? null,
      membersTotal: input.membersTotal,
      membersPresent: input.membersPresent,
      minutes: optionalText(input.minutes, 'minutes', 20_000) ?? null,
    };
    checkCounts({ membersTotal: sitting.membersTotal, membersPresent: sitting.membersPresent });
    if (input.votes.length === 0) {
      throw new BadInputError(msg('council.noVotes'), { field: 'votes' });
    }
    if (input.votes.length > MAX_VOTES) {
      throw new BadInputError(msg('council.tooManyNominations', { max: MAX_VOTES }), {
        field: 'votes',
      });
    }
    const votes = input.votes.map((v, i): Vote => {
      const vote = {
        awardId: parseId(v.awardId, `votes[${i}].awardId`),
        approve: v.approve,
        votesFor: v.votesFor,
        votesAgainst: v.votesAgainst,
        votesAbstain: v.votesAbstain,
      };
      checkCounts(
        {
          votesFor: vote.votesFor,
          votesAgainst: vote.votesAgainst,
          votesAbstain: vote.votesAbstain,
        },
        `votes[${i}].`,
      );
      return vote;
    });
    const ids = new Set(votes.map((v) => v.awardId));
    if (ids.size !== votes.length) {
      throw new BadInputError(msg('council.duplicateVote'), { field: 'votes' });
    }
    const decision = input.decision
      ? {
          number: requiredText(input.decision.number, 'decision.number', 100),
          decidedOn: checkDay(input.decision.decidedOn, 'decision.decidedOn'),
          signer: requiredText(input.decision.signer, 'decision.signer', 200),
          issuingBody: requiredText(input.decision.issuingBody, 'decision.issuingBody', 300),
        }
      : null;
    return this.dataSource.transaction(async (manager) => {
      if (sitting.councilUnitId && !(await manager.existsBy(Unit, { id: sitting.councilUnitId }))) {
        throw new NotFoundError('Unit', sitting.councilUnitId);
      }
      const meeting = await this.decide(manager, actor, sitting, votes, decision);
      return manager.findOneByOrFail(CouncilMeeting, { id: meeting });
    });
  }

  /**
   * `decideAward`: the council's decision on one NOMINATED award, recorded as
   * a meeting of its own on the decision day (today for a rejection without
   * one) and, when approved, registered under its decision number.
   */
  async decideOne(rawId: string, input: DecideAwardInput, actor: Actor): Promise<Award> {
    const id = parseId(rawId);
    checkCounts({
      membersTotal: input.membersTotal,
      membersPresent: input.membersPresent,
      votesFor: input.votesFor,
      votesAgainst: input.votesAgainst,
      votesAbstain: input.votesAbstain,
    });
    const number = optionalText(input.decisionNumber, 'decisionNumber', 100) ?? null;
    const decidedOn = input.decidedOn ? checkDay(input.decidedOn, 'decidedOn') : null;
    const signer = optionalText(input.signer, 'signer', 200) ?? null;
    const issuingBody = optionalText(input.issuingBody, 'issuingBody', 300) ?? null;
    return this.dataSource.transaction(async (manager) => {
      const award = await manager.findOneBy(Award, { id });
      if (!award) throw new NotFoundError('Award', id);
      if (input.approve) {
        if (!number) throw new RuleViolationError(msg('council.approvalNeedsNumber'));
        if (!decidedOn) throw new RuleViolationError(msg('council.approvalNeedsDate'));
      }
      const sitting: Sitting = {
        heldOn: decidedOn ?? vietnamToday(),
        councilUnitId: award.nominatedById,
        membersTotal: input.membersTotal,
        membersPresent: input.membersPresent,
        minutes: null,
      };
      const vote: Vote = {
        awardId: id,
        approve: input.approve,
        votesFor: input.votesFor,
        votesAgainst: input.votesAgainst,
        votesAbstain: input.votesAbstain,
      };
      const decision =
        input.approve && number && decidedOn ? { number, decidedOn, signer, issuingBody } : null;
      await this.decide(manager, actor, sitting, [vote], decision, {
        single: true,
        number,
        decidedOn,
      });
      return manager.findOneByOrFail(Award, { id });
    });
  }

  /**
   * Records the meeting, applies each vote and settles the dossiers it
   * completes (see settleDossiers); returns the meeting's id.
   * `legacy` keeps what decideAward always stored for a rejection (the number
   * and date given, if any) and its messages, which name no award.
   */
  private async decide(
    manager: EntityManager,
    actor: Pick<Actor, 'username' | 'role'>,
    sitting: Sitting,
    votes: readonly Vote[],
    decision: DecisionSpec | null,
    legacy?: { single: true; number: string | null; decidedOn: string | null },
  ): Promise<string> {
    const book = await this.awards.book(manager);
    if (sitting.membersPresent > sitting.membersTotal) {
      throw new RuleViolationError(
        msg('council.presentOverTotal', {
          present: sitting.membersPresent,
          total: sitting.membersTotal,
        }),
      );
    }
    const ruleSet = book.ruleSetOn(sitting.heldOn);
    if (!ruleSet) {
      throw new RuleViolationError(msg('council.noRuleSet', { on: sitting.heldOn }));
    }
    const quorum = quorumOf(
      sitting.membersTotal,
      ruleSet.quorumNumerator,
      ruleSet.quorumDenominator,
    );
    if (sitting.membersPresent < quorum) {
      throw new RuleViolationError(
        msg('council.noQuorum', {
          present: sitting.membersPresent,
          total: sitting.membersTotal,
          quorum,
          fraction: `${ruleSet.quorumNumerator}/${ruleSet.quorumDenominator}`,
          basis: basisText(readBasis(ruleSet.quorumCitations)) ?? { vi: '', en: '' },
        }),
        { quorum },
      );
    }
    if (votes.some((v) => v.approve) && !decision) {
      throw new RuleViolationError(msg('council.approvalNeedsDecision'));
    }
    if (decision && decision.decidedOn < sitting.heldOn) {
      throw new BadInputError(
        msg('council.decisionBeforeMeeting', { on: decision.decidedOn, heldOn: sitting.heldOn }),
        { field: 'decision.decidedOn' },
      );
    }
    // Lock the awards in id order, so that two meetings never wait on each other in a cycle.
    const ids = [...votes.map((v) => v.awardId)].sort();
    await query(manager, sql`SELECT id FROM award WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`);
    const awards = new Map((await manager.findBy(Award, { id: In(ids) })).map((a) => [a.id, a]));
    for (const id of ids) if (!awards.has(id)) throw new NotFoundError('Award', id);
    const meeting = await queryOne<{ id: string }>(
      manager,
      sql`INSERT INTO council_meeting (held_on, council_unit_id, members_total, members_present, minutes)
          VALUES (${sitting.heldOn}, ${sitting.councilUnitId}, ${sitting.membersTotal},
                  ${sitting.membersPresent}, ${sitting.minutes})
          RETURNING id`,
    );
    const registered =
      decision && votes.some((v) => v.approve) ? await registerDecision(manager, decision) : null;
    const names = legacy ? null : await awardNames(manager, book, [...awards.values()]);
    for (const vote of votes) {
      const award = awards.get(vote.awardId)!;
      const about = (error: RuleViolationError | BadInputError): Error =>
        names ? concerning(error, names.get(award.id)!, award.id) : error;
      const target = vote.approve ? AwardStatus.APPROVED : AwardStatus.REJECTED;
      try {
        AWARD_LIFECYCLE.assertTransition(award.status, target);
        const cast = vote.votesFor + vote.votesAgainst + vote.votesAbstain;
        if (cast > sitting.membersTotal) {
          throw new RuleViolationError(
            msg('council.tooManyVotes', {
              cast,
              votesFor: vote.votesFor,
              against: vote.votesAgainst,
              abstain: vote.votesAbstain,
              total: sitting.membersTotal,
            }),
          );
        }
        if (vote.approve && registered) {
          await this.checkApproval(manager, book, award, vote, sitting, registered.decidedOn);
        }
      } catch (error) {
        if (error instanceof RuleViolationError || error instanceof BadInputError) {
          throw about(error);
        }
        throw error;
      }
      await manager.update(
        Award,
        { id: award.id },
        {
          status: target,
          membersTotal: sitting.membersTotal,
          membersPresent: sitting.membersPresent,
          votesFor: vote.votesFor,
          votesAgainst: vote.votesAgainst,
          votesAbstain: vote.votesAbstain,
          decisionNumber: vote.approve ? registered!.number : (legacy?.number ?? null),
          decidedOn: vote.approve ? registered!.decidedOn : (legacy?.decidedOn ?? null),
          decisionId: vote.approve ? registered!.id : null,
          meetingId: meeting!.id,
        },
      );
      if (!vote.approve) await freeAchievements(manager, award.id);
    }
    // Each dossier whose last open nominee was decided here is now DECIDED by this meeting.
    await settleDossiers(manager, ids, actor, meeting!.id);
    return meeting!.id;
  }

  /**
   * An approval: enough yes votes of all members for the type's threshold,
   * and every rule of the type still met, both under the rule set in force on
   * the decision day. RULE_VIOLATION otherwise (with the checks).
   */
  private async checkApproval(
    manager: EntityManager,
    book: RuleBook,
    award: Award,
    vote: Vote,
    sitting: Sitting,
    decidedOn: string,
  ): Promise<void> {
    const type = book.typeById(award.typeId);
    if (!type) throw new NotFoundError('AwardType', award.typeId);
    const title = book.label(type.code);
    const inForce = book.versionOn(type.id, decidedOn);
    if (!inForce) {
      throw new RuleViolationError(msg('council.typeNotInForce', { title, on: decidedOn }));
    }
    // Thresholds have three decimals (numeric(4,3)): compare in thousandths, exactly.
    const threshold = Math.round(inForce.version.approvalThreshold * 1000);
    if (vote.votesFor * 1000 < threshold * sitting.membersTotal) {
      const needed = Math.ceil((threshold * sitting.membersTotal) / 1000);
      throw new RuleViolationError(
        msg('council.notEnoughVotes', {
          votesFor: vote.votesFor,
          total: sitting.membersTotal,
          title,
          threshold: threshold / 1000,
          needed,
          basis: basisText(readBasis(inForce.version.approvalCitations)) ?? { vi: '', en: '' },
        }),
        { needed },
      );
    }
    const kind = award.personId ? RecipientKind.INDIVIDUAL : RecipientKind.COLLECTIVE;
    const recipientId = (award.personId ?? award.unitId)!;
    const recipient = await findRecipient(manager, kind, recipientId, true);
    const citedIds = (
      await query<{ achievement_id: string }>(
        manager,
        sql`SELECT achievement_id FROM award_achievement
             WHERE award_id = ${award.id} AND active ORDER BY achievement_id`,
      )
    ).map((r) => r.achievement_id);
    const cited = await lockAchievements(manager, citedIds);
    const evaluation = await evaluate(manager, {
      book,
      type,
      on: decidedOn,
      year: award.year,
      kind: award.kind,
      recipientKind: kind,
      recipientId,
      recipient,
      citedIds,
      cited,
      excludeAwardId: award.id,
    });
    if (!evaluation.eligible) {
      const blocks = evaluation.checks.filter((c) => c.outcome === RuleOutcome.BLOCK);
      throw new RuleViolationError(
        msg('council.rulesNotMet', {
          title,
          on: decidedOn,
          first: inBoth(blocks[0]!.message),
          more: blocks.length - 1,
        }),
        { checks: evaluation.checks.map(checkExtension) },
      );
    }
  }

  /** Council meetings, newest first. */
  meetings(
    filter: CouncilMeetingFilter | null | undefined,
    page: PageArgs,
  ): Promise<Connection<CouncilMeeting>> {
    const unitId = parseOptionalId(filter?.councilUnitId, 'filter.councilUnitId');
    const where = sql.and(
      unitId && sql`t.council_unit_id = ${unitId}`,
      filter?.from && sql`t.held_on >= ${checkDay(filter.from, 'filter.from')}`,
      filter?.to && sql`t.held_on <= ${checkDay(filter.to, 'filter.to')}`,
    );
    return paginate(this.dataSource.manager, CouncilMeeting, page, {
      order: MEETING_ORDER,
      where,
    });
  }

  /**
   * The register of decisions, newest first; `search` matches the number,
   * signer or issuing body ignoring case and diacritics.
   */
  decisions(
    filter: AwardDecisionFilter | null | undefined,
    page: PageArgs,
  ): Promise<Connection<AwardDecision>> {
    const pattern = searchPattern(filter?.search);
    const where = sql.and(
      pattern &&
        sql`(immutable_unaccent(t.number) || ' ' || immutable_unaccent(coalesce(t.signer, ''))
              || ' ' || immutable_unaccent(coalesce(t.issuing_body, ''))) LIKE immutable_unaccent(${pattern})`,
      filter?.from && sql`t.decided_on >= ${checkDay(filter.from, 'filter.from')}`,
      filter?.to && sql`t.decided_on <= ${checkDay(filter.to, 'filter.to')}`,
    );
    return paginate(this.dataSource.manager, AwardDecision, page, {
      order: DECISION_ORDER,
      where,
    });
  }

  /** For each decision: how many awards it covers and the total they are paid. */
  async decisionTotals(
    decisionIds: readonly string[],
    book: RuleBook,
  ): Promise<{ count: number; paid: number }[]> {
    const awards = await this.dataSource.manager.findBy(Award, {
      decisionId: In([...decisionIds]),
    });
    const bonuses = await this.awards.bonuses(awards, book);
    const totals = new Map<string, { count: number; paid: number }>();
    awards.forEach((award, i) => {
      const total = totals.get(award.decisionId!) ?? { count: 0, paid: 0 };
      total.count += 1;
      total.paid += bonuses[i]!.payable;
      totals.set(award.decisionId!, total);
    });
    return decisionIds.map((id) => totals.get(id) ?? { count: 0, paid: 0 });
  }

  /** For each meeting, the decisions that approved its awards. */
  async decisionsOfMeetings(meetingIds: readonly string[]): Promise<AwardDecision[][]> {
    const rows = await query<{ meeting_id: string; decision_id: string }>(
      this.dataSource,
      sql`SELECT DISTINCT meeting_id, decision_id FROM award
           WHERE meeting_id = ANY(${[...meetingIds]}) AND decision_id IS NOT NULL`,
    );
    const decisions = rows.length
      ? await this.dataSource.manager.findBy(AwardDecision, {
          id: In(rows.map((r) => r.decision_id)),
        })
      : [];
    const byId = new Map(decisions.map((d) => [d.id, d]));
    return meetingIds.map((id) =>
      rows
        .filter((r) => r.meeting_id === id)
        .map((r) => byId.get(r.decision_id)!)
        .sort((a, b) => a.number.localeCompare(b.number)),
    );
  }
}

/** Smallest attendance that makes a quorum: ⌈numerator/denominator × membersTotal⌉. */
export function quorumOf(membersTotal: number, numerator = 2, denominator = 3): number {
  return Math.ceil((numerator * membersTotal) / denominator);
}

/** Counts must be whole and not negative, and a council has members: else BAD_USER_INPUT. */
function checkCounts(counts: Record<string, number>, prefix = ''): void {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) {
      const field = `${prefix}${name}`;
      throw new BadInputError(msg('council.countNegative', { field }), { field });
    }
  }
  if (counts.membersTotal !== undefined && counts.membersTotal < 1) {
    throw new BadInputError(msg('council.noMembers'), { field: 'membersTotal' });
  }
}

/**
 * Finds the decision `spec.number` of `spec.decidedOn`'s year in the
 * register, or registers it. A number is the same decision within a year:
 * given again with another date, or another signer or issuing body than the
 * one registered, it is RULE_VIOLATION. A transaction-scoped advisory lock
 * on the number and year makes concurrent first uses register it once.
 */
async function registerDecision(
  manager: EntityManager,
  spec: DecisionSpec,
): Promise<AwardDecision> {
  const year = Number(spec.decidedOn.slice(0, 4));
  await query(
    manager,
    sql`SELECT pg_advisory_xact_lock(hashtext('award_decision:' || lower(${spec.number}) || ':' || ${year}))`,
  );
  const [found] = await entityRows(manager, AwardDecision).select(
    manager,
    sql`lower(t.number) = lower(${spec.number})
        AND t.decided_on BETWEEN ${`${year}-01-01`} AND ${addDays(`${year + 1}-01-01`, -1)}`,
  );
  if (!found) {
    const row = await queryOne<{ id: string }>(
      manager,
      sql`INSERT INTO award_decision (number, decided_on, signer, issuing_body)
          VALUES (${spec.number}, ${spec.decidedOn}, ${spec.signer}, ${spec.issuingBody})
          RETURNING id`,
    );
    return lockById(manager, AwardDecision, row!.id);
  }
  if (found.decidedOn !== spec.decidedOn) {
    throw new RuleViolationError(
      msg('council.decisionOtherDay', {
        number: found.number,
        on: found.decidedOn,
        given: spec.decidedOn,
      }),
    );
  }
  const mismatch = (stored: string | null, given: string | null) =>
    stored !== null && given !== null && stored !== given;
  if (mismatch(found.signer, spec.signer)) {
    throw new RuleViolationError(
      msg('council.decisionOtherSigner', {
        number: found.number,
        signer: found.signer!,
        given: spec.signer!,
      }),
    );
  }
  if (mismatch(found.issuingBody, spec.issuingBody)) {
    throw new RuleViolationError(
      msg('council.decisionOtherBody', {
        number: found.number,
        body: found.issuingBody!,
        given: spec.issuingBody!,
      }),
    );
  }
  if ((!found.signer && spec.signer) || (!found.issuingBody && spec.issuingBody)) {
    await manager.update(
      AwardDecision,
      { id: found.id },
      { signer: found.signer ?? spec.signer, issuingBody: found.issuingBody ?? spec.issuingBody },
    );
    return manager.findOneByOrFail(AwardDecision, { id: found.id });
  }
  return found;
}

/** "Giấy khen 2025 – Nguyễn Văn A" for each award, for messages about one of several. */
async function awardNames(
  manager: EntityManager,
  book: RuleBook,
  awards: Award[],
): Promise<Map<string, LocalizedText>> {
  const people = await manager.findBy(Person, {
    id: In(awards.map((a) => a.personId).filter((id): id is string => !!id)),
  });
  const units = await manager.findBy(Unit, {
    id: In(awards.map((a) => a.unitId).filter((id): id is string => !!id)),
  });
  const nameOf = new Map<string, string>([
    ...people.map((p): [string, string] => [p.id, p.fullName]),
    ...units.map((u): [string, string] => [u.id, u.name]),
  ]);
  return new Map(
    awards.map((a) => {
      const title = book.label(book.typeById(a.typeId)?.code ?? a.typeId);
      const who = nameOf.get((a.personId ?? a.unitId)!) ?? '';
      return [
        a.id,
        { vi: `${title.vi} năm ${a.year} – ${who}`, en: `${title.en} ${a.year} – ${who}` },
      ];
    }),
  );
}

/** The same error, its message prefixed with the award it is about, and the award's id. */
function concerning(
  error: RuleViolationError | BadInputError,
  award: LocalizedText,
  awardId: string,
): Error {
  const extensions = error.extensions as Record<string, unknown>;
  const key = extensions.messageKey as string | undefined;
  const inner: Message | null = key ? ({ key, params: extensions.messageParams } as Message) : null;
  const detail = inner ? inBoth(inner) : { vi: error.message, en: error.message };
  const { code: _code, messageKey: _key, messageParams: _params, ...rest } = extensions;
  const wrapped = msg('council.aboutAward', { award, detail });
  return error instanceof BadInputError
    ? new BadInputError(wrapped, { ...rest, awardId })
    : new RuleViolationError(wrapped, { ...rest, awardId });
}
