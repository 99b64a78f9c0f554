import { query, sql } from '../../common/sql';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { vietnamDay } from '../../common/dates';
import { parseId } from '../../common/ids';
import type { ServiceDeps } from '../../common/services';
import { checkYear, requiredName } from '../../common/validate';
import { BadInputError, NotFoundError, RuleViolationError } from '../../errors';
import { inBoth, msg, renderStored, type Language } from '../../i18n/i18n';
import type { MessageParam } from '../../i18n/messages';
import { basisText } from '../awards/legal-basis';
import { checkExtension, RuleOutcome, type Check } from '../awards/rules/rule';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Conference, ConferenceStatus } from './conference.entity';
import type { CreateDelegationInput, UpdateDelegationInput } from './conference.inputs';
import {
  DelegateRole,
  Delegation,
  DelegationMember,
  DelegationQuota,
  DelegationStatus,
} from './delegation.entity';

/** The most people one delegation may list, delegates and guests together. */
const MAX_DELEGATES = 500;

/** Years a congress looks back on when its delegation gives no period: e.g. 2020-2025 for 2025. */
const DEFAULT_PERIOD_YEARS = 5;

/** A delegate of a delegation, in list order. */
export interface Delegate {
  person: Person;
  role: DelegateRole;
  position: number;
}

/** A quota with the official delegates it covers. */
export interface QuotaUse {
  unit: Unit;
  seats: number;
  used: number;
}

const QUOTA_BASIS = basisText([
  {
    act: 'LOCAL',
    note: {
      vi: 'phân bổ số lượng đại biểu của Ban Tổ chức Đại hội',
      en: "the congress organisers' allocation of seats",
    },
  },
]);

const MERIT_BASIS = basisText([
  {
    act: 'LOCAL',
    note: {
      vi: 'đại biểu chính thức là điển hình tiên tiến hoặc cá nhân được khen thưởng trong giai đoạn',
      en: 'official delegates are advanced models or award holders of the period',
    },
  },
]);

/**
 * Congress delegations as the congress needs them: official delegates and
 * guests, seats per unit (an official delegate takes a seat of the deepest
 * unit with a quota that contains their unit), the emulation period the
 * congress reviews, and checks: a quota exceeded, or an official delegate in
 * no unit with a quota, BLOCKs approval; an official delegate who is neither
 * an advanced model nor an award holder of the period is a WARN, kept on the
 * delegation when it is approved.
 */
export class DelegationService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /**
   * Creates a DRAFT delegation of a conference that has not ENDED. People
   * must exist (NOT_FOUND) and be listed once (BAD_USER_INPUT); list order
   * is kept, official delegates first.
   */
  async create(input: CreateDelegationInput): Promise<Delegation> {
    const conferenceId = parseId(input.conferenceId, 'conferenceId');
    const congress = requiredName(input.congress, 'congress', 300);
    const people = readPeople(input.memberIds, input.guestIds ?? []);
    if (people.officials.length === 0) {
      throw new BadInputError(msg('delegation.noMembers'), { field: 'memberIds' });
    }
    const quotas = readQuotas(input.quotas ?? []);
    const period = readPeriod(input.periodFromYear, input.periodToYear);
    return this.dataSource.transaction(async (manager) => {
      await lockOpenConference(manager, conferenceId);
      await assertPeopleExist(manager, [...people.officials, ...people.guests]);
      await assertUnitsExist(
        manager,
        quotas.map((q) => q.unitId),
      );
      const [row] = await query<{ id: string }>(
        manager,
        sql`INSERT INTO delegation (congress, conference_id, period_from, period_to) VALUES (${congress}, ${conferenceId}, ${period.from}, ${period.to}) RETURNING id`,
      );
      await writeDelegates(manager, row!.id, people.officials, people.guests);
      await writeQuotas(manager, row!.id, quotas);
      return manager.findOneByOrFail(Delegation, { id: row!.id });
    });
  }

  /**
   * Changes a DRAFT delegation: what is given replaces what it had (the
   * official delegates, the guests, the quotas, the period, the congress).
   * RULE_VIOLATION once APPROVED or when its conference has ENDED.
   */
  async update(rawId: string, input: UpdateDelegationInput): Promise<Delegation> {
    const id = parseId(rawId);
    const congress =
      input.congress !== undefined && input.congress !== null
        ? requiredName(input.congress, 'congress', 300)
        : undefined;
    const quotas = input.quotas ? readQuotas(input.quotas) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(Delegation, { id });
      if (!found) throw new NotFoundError('Delegation', id);
      await lockOpenConference(manager, found.conferenceId);
      const delegation = await manager.findOneOrFail(Delegation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (delegation.status !== DelegationStatus.DRAFT) {
        throw new RuleViolationError(msg('delegation.notDraft', { status: delegation.status }), {
          status: delegation.status,
        });
      }
      const current = await manager.find(DelegationMember, {
        where: { delegationId: id },
        order: { position: 'ASC' },
      });
      const of = (role: DelegateRole) =>
        current.filter((m) => m.role === role).map((m) => m.personId);
      const people = readPeople(
        input.memberIds ?? of(DelegateRole.OFFICIAL),
        input.guestIds ?? of(DelegateRole.GUEST),
      );
      if (people.officials.length === 0) {
        throw new BadInputError(msg('delegation.noMembers'), { field: 'memberIds' });
      }
      const period = readPeriod(
        input.periodFromYear === undefined ? delegation.periodFrom : input.periodFromYear,
        input.periodToYear === undefined ? delegation.periodTo : input.periodToYear,
      );
      await assertPeopleExist(manager, [...people.officials, ...people.guests]);
      if (quotas)
        await assertUnitsExist(
          manager,
          quotas.map((q) => q.unitId),
        );
      await manager.update(
        Delegation,
        { id },
        { ...(congress ? { congress } : {}), periodFrom: period.from, periodTo: period.to },
      );
      if (input.memberIds || input.guestIds) {
        await manager.delete(DelegationMember, { delegationId: id });
        await writeDelegates(manager, id, people.officials, people.guests);
      }
      if (quotas) {
        await manager.delete(DelegationQuota, { delegationId: id });
        await writeQuotas(manager, id, quotas);
      }
      return manager.findOneByOrFail(Delegation, { id });
    });
  }

  /**
   * Checks a delegation for its approval: BLOCKs fail it with RULE_VIOLATION
   * (the checks in `extensions.checks`); WARNs are returned to be kept.
   */
  async checkForApproval(manager: EntityManager, delegation: Delegation): Promise<Check[]> {
    const facts = await factsOf(manager, [delegation]);
    const [checks] = await checksOf(manager, [delegation], facts);
    const blocks = checks!.filter((c) => c.outcome === RuleOutcome.BLOCK);
    if (blocks.length) {
      throw new RuleViolationError(
        msg('delegation.refused', { first: inBoth(blocks[0]!.message), count: blocks.length }),
        { checks: checks!.map(checkExtension) },
      );
    }
    return checks!.filter((c) => c.outcome === RuleOutcome.WARN);
  }

  /**
   * What the quotas and checks of each delegation are worked out from: five
   * statements for any number of delegations. Delegation.quotas and
   * Delegation.checks share one request's answer.
   */
  facts(delegations: readonly Delegation[]): Promise<DelegationFacts[]> {
    return factsOf(this.dataSource.manager, delegations);
  }

  /**
   * For Delegation.checks: what approving each delegation now would find,
   * from its facts (`facts[i]` those of `delegations[i]`, from `facts()`).
   */
  checks(
    delegations: readonly Delegation[],
    facts: readonly DelegationFacts[],
  ): Promise<Check[][]> {
    return checksOf(this.dataSource.manager, delegations, facts);
  }

  /** For Delegation.delegates and guests: each delegation's people, in list order. */
  async delegatesOf(delegationIds: readonly string[]): Promise<Delegate[][]> {
    const rows = await this.dataSource.manager.find(DelegationMember, {
      where: { delegationId: In([...delegationIds]) },
      order: { position: 'ASC' },
    });
    const people = rows.length
      ? await this.dataSource.manager.findBy(Person, { id: In(rows.map((r) => r.personId)) })
      : [];
    const byId = new Map(people.map((p) => [p.id, p]));
    return delegationIds.map((id) =>
      rows
        .filter((r) => r.delegationId === id && byId.has(r.personId))
        .map((r) => ({ person: byId.get(r.personId)!, role: r.role, position: r.position })),
    );
  }

  /**
   * The stored warnings of a delegation, in `language`; one whose message
   * this version cannot render shows a generic one, reported to `log`.
   */
  static warnings(
    delegation: Delegation,
    language: Language,
    log: Parameters<typeof renderStored>[2],
  ): string[] {
    return (delegation.warnings ?? []).map((w) => renderStored(w, language, log));
  }

  /**
   * The period a delegation's official delegates are checked against; its
   * conference read through `conferenceOf` (a request's loader batches a list).
   */
  static async periodOf(
    delegation: Delegation,
    conferenceOf: (id: string) => Promise<Conference | null>,
  ): Promise<{ from: number; to: number }> {
    if (delegation.periodFrom !== null && delegation.periodTo !== null) {
      return { from: delegation.periodFrom, to: delegation.periodTo };
    }
    const conference = await conferenceOf(delegation.conferenceId);
    if (!conference) throw new NotFoundError('Conference', delegation.conferenceId);
    return defaultPeriod(delegation, conference);
  }
}

/** The stored period, or the one ending the conference's year. */
function defaultPeriod(
  delegation: Pick<Delegation, 'periodFrom' | 'periodTo'>,
  conference: Conference,
): { from: number; to: number } {
  const year = Number(vietnamDay(new Date(conference.startsAt)).slice(0, 4));
  const to = delegation.periodTo ?? year;
  return { from: delegation.periodFrom ?? to - DEFAULT_PERIOD_YEARS, to };
}

/** What the checks and quotas of a delegation are worked out from. */
export interface DelegationFacts {
  period: { from: number; to: number };
  officials: { person: Person; unit: Unit }[];
  quotas: QuotaUse[];
  /** Official delegates in no unit with a quota (only when the delegation has quotas). */
  uncovered: { person: Person; unit: Unit }[];
}

/** The facts of each delegation, in order: five statements for any number of them. */
async function factsOf(
  manager: EntityManager,
  delegations: readonly Delegation[],
): Promise<DelegationFacts[]> {
  const ids = delegations.map((d) => d.id);
  // One at a time: inside a transaction they share its connection.
  const members = await manager.find(DelegationMember, {
    where: { delegationId: In(ids), role: DelegateRole.OFFICIAL },
    order: { position: 'ASC' },
  });
  const quotas = await manager.find(DelegationQuota, { where: { delegationId: In(ids) } });
  const conferences = await manager.findBy(Conference, {
    id: In(delegations.map((d) => d.conferenceId)),
  });
  const people = members.length
    ? await manager.findBy(Person, { id: In(members.map((m) => m.personId)) })
    : [];
  const unitIds = [...new Set([...people.map((p) => p.unitId), ...quotas.map((q) => q.unitId)])];
  const units = unitIds.length ? await manager.findBy(Unit, { id: In(unitIds) }) : [];
  const personById = new Map(people.map((p) => [p.id, p]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const conferenceById = new Map(conferences.map((c) => [c.id, c]));
  return delegations.map((delegation) => {
    const officials = members
      .filter((m) => m.delegationId === delegation.id && personById.has(m.personId))
      .map((m) => {
        const person = personById.get(m.personId)!;
        return { person, unit: unitById.get(person.unitId)! };
      });
    const own = quotas
      .filter((q) => q.delegationId === delegation.id && unitById.has(q.unitId))
      .map((q) => ({ unit: unitById.get(q.unitId)!, seats: q.seats, used: 0 }));
    const uncovered: DelegationFacts['uncovered'] = [];
    for (const official of officials) {
      // The deepest unit with a quota that contains the delegate's unit.
      const quota = own
        .filter((q) => official.unit.path.startsWith(q.unit.path))
        .sort((a, b) => b.unit.depth - a.unit.depth)[0];
      if (quota) quota.used += 1;
      else if (own.length) uncovered.push(official);
    }
    own.sort((a, b) => a.unit.path.localeCompare(b.unit.path));
    return {
      period: defaultPeriod(delegation, conferenceById.get(delegation.conferenceId)!),
      officials,
      quotas: own,
      uncovered,
    };
  });
}

/**
 * The checks of each delegation, in order: quotas (BLOCK when exceeded),
 * delegates outside every quota (BLOCK), then each official delegate's merit
 * in the period (PASS naming the advanced model or award, WARN otherwise).
 * Two statements for any number of delegations, besides the facts (given:
 * `facts[i]` are those of `delegations[i]`).
 */
async function checksOf(
  manager: EntityManager,
  delegations: readonly Delegation[],
  facts: readonly DelegationFacts[],
): Promise<Check[][]> {
  const personIds = [...new Set(facts.flatMap((f) => f.officials.map((o) => o.person.id)))];
  let models: { person_id: string; title: string; year: number }[] = [];
  let awards: { person_id: string; name: string; year: number }[] = [];
  if (personIds.length) {
    models = await query(
      manager,
      sql`SELECT person_id, title, extract(year FROM achieved_on)::int AS year FROM achievement
        WHERE person_id = ANY(${personIds}) AND advanced_model AND status = 'VERIFIED'
        ORDER BY achieved_on DESC, id`,
    );
    awards = await query(
      manager,
      sql`SELECT a.person_id, t.name, a.year FROM award a JOIN award_type t ON t.id = a.type_id
        WHERE a.person_id = ANY(${personIds}) AND a.status IN ('APPROVED', 'ANNOUNCED')
        ORDER BY a.year DESC, t.sort_order DESC, a.id`,
    );
  }
  return delegations.map((_, i) => {
    const fact = facts[i]!;
    const checks: Check[] = [];
    const span = `${fact.period.from}-${fact.period.to}`;
    for (const quota of fact.quotas) {
      const params = { unit: quota.unit.name, used: quota.used, seats: quota.seats };
      checks.push({
        rule: 'DELEGATION_QUOTA',
        outcome: quota.used > quota.seats ? RuleOutcome.BLOCK : RuleOutcome.PASS,
        message:
          quota.used > quota.seats
            ? msg('delegation.quotaExceeded', { ...params, over: quota.used - quota.seats })
            : msg('delegation.quotaWithin', params),
        legalBasis: QUOTA_BASIS,
      });
    }
    for (const { person, unit } of fact.uncovered) {
      checks.push({
        rule: 'DELEGATION_QUOTA',
        outcome: RuleOutcome.BLOCK,
        message: msg('delegation.noQuota', { name: person.fullName, unit: unit.name }),
        legalBasis: QUOTA_BASIS,
      });
    }
    const inPeriod = (year: number) => year >= fact.period.from && year <= fact.period.to;
    for (const { person } of fact.officials) {
      const model = models.find((m) => m.person_id === person.id && inPeriod(m.year));
      const award = awards.find((a) => a.person_id === person.id && inPeriod(a.year));
      const base = { name: person.fullName, span };
      let message;
      if (model)
        message = msg('delegation.meritModel', { ...base, title: model.title, year: model.year });
      else if (award)
        message = msg('delegation.meritAward', { ...base, award: award.name, year: award.year });
      else message = msg('delegation.meritMissing', base);
      checks.push({
        rule: 'DELEGATE_MERIT',
        outcome: model || award ? RuleOutcome.PASS : RuleOutcome.WARN,
        message,
        legalBasis: MERIT_BASIS,
      });
    }
    return checks;
  });
}

/** The WARN checks as they are kept on an approved delegation. */
export function keptWarnings(checks: readonly Check[]): Delegation['warnings'] {
  return checks.map((c) => ({
    key: c.message.key,
    params: c.message.params as Record<string, MessageParam>,
  }));
}

function readPeople(memberIds: readonly string[], guestIds: readonly string[]) {
  if (memberIds.length + guestIds.length > MAX_DELEGATES) {
    throw new BadInputError(msg('delegation.tooMany', { max: MAX_DELEGATES }), {
      field: 'memberIds',
    });
  }
  const officials = memberIds.map((id, i) => parseId(id, `memberIds[${i}]`));
  const guests = guestIds.map((id, i) => parseId(id, `guestIds[${i}]`));
  const all = [...officials, ...guests];
  const duplicate = all.find((id, i) => all.indexOf(id) !== i);
  if (duplicate) {
    throw new BadInputError(msg('delegation.listedTwice', { id: duplicate }), {
      field:
        officials.indexOf(duplicate) !== officials.lastIndexOf(duplicate)
          ? 'memberIds'
          : 'guestIds',
    });
  }
  return { officials, guests };
}

function readQuotas(quotas: readonly { unitId: string; seats: number }[]) {
  const read = quotas.map((q, i) => {
    if (!Number.isInteger(q.seats) || q.seats < 0 || q.seats > MAX_DELEGATES) {
      throw new BadInputError(msg('delegation.badSeats', { max: MAX_DELEGATES }), {
        field: `quotas[${i}].seats`,
      });
    }
    return { unitId: parseId(q.unitId, `quotas[${i}].unitId`), seats: q.seats };
  });
  const ids = read.map((q) => q.unitId);
  if (new Set(ids).size !== ids.length) {
    throw new BadInputError(msg('delegation.quotaTwice'), { field: 'quotas' });
  }
  return read;
}

function readPeriod(
  from: number | null | undefined,
  to: number | null | undefined,
): { from: number | null; to: number | null } {
  const start = from === null || from === undefined ? null : checkYear(from, 'periodFromYear');
  const end = to === null || to === undefined ? null : checkYear(to, 'periodToYear');
  if (start !== null && end !== null && end < start) {
    throw new BadInputError(msg('delegation.badPeriod', { from: start, to: end }), {
      field: 'periodToYear',
    });
  }
  return { from: start, to: end };
}

async function lockOpenConference(manager: EntityManager, id: string): Promise<Conference> {
  const conference = await manager.findOne(Conference, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!conference) throw new NotFoundError('Conference', id);
  if (conference.status === ConferenceStatus.ENDED) {
    throw new RuleViolationError(msg('delegation.conferenceEnded', { title: conference.title }), {
      status: conference.status,
    });
  }
  return conference;
}

async function assertPeopleExist(manager: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set((await manager.findBy(Person, { id: In([...ids]) })).map((p) => p.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new NotFoundError('Person', missing);
}

async function assertUnitsExist(manager: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set((await manager.findBy(Unit, { id: In([...ids]) })).map((u) => u.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new NotFoundError('Unit', missing);
}

async function writeDelegates(
  manager: EntityManager,
  delegationId: string,
  officials: readonly string[],
  guests: readonly string[],
): Promise<void> {
  const rows = [
    ...officials.map((personId) => ({ personId, role: DelegateRole.OFFICIAL })),
    ...guests.map((personId) => ({ personId, role: DelegateRole.GUEST })),
  ].map((row, i) => ({ delegationId, position: i + 1, ...row }));
  if (rows.length) await manager.insert(DelegationMember, rows);
}

async function writeQuotas(
  manager: EntityManager,
  delegationId: string,
  quotas: readonly { unitId: string; seats: number }[],
): Promise<void> {
  if (quotas.length) {
    await manager.insert(
      DelegationQuota,
      quotas.map((q) => ({ delegationId, unitId: q.unitId, seats: q.seats })),
    );
  }
}
