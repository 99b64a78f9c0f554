import type { DataSource, EntityManager } from 'typeorm';
import {
  checkFirst,
  paginate,
  type Connection,
  type PageArgs,
  type PageOrder,
} from '../../common/connection';
import { parseId } from '../../common/ids';
import { lockById } from '../../common/locks';
import { entityRows } from '../../common/rows';
import { query, queryOne, sql } from '../../common/sql';
import type { ServiceDeps } from '../../common/services';
import { optionalText, requiredName } from '../../common/validate';
import { BadInputError, isUniqueViolation, NotFoundError, RuleViolationError } from '../../errors';
import { msg } from '../../i18n/i18n';
import type { EventFilter, EventStream } from '../../realtime/event-hub';
import {
  appendEvent,
  EventType,
  LOGGED_EVENT_SELECT,
  loggedEvents,
  toLoggedEvent,
  type LoggedEvent,
} from '../../realtime/event-log';
import type { RealtimeService } from '../../realtime/realtime.service';
import { Award, AwardStatus } from '../awards/award.entity';
import { AWARD_LIFECYCLE } from '../awards/award.service';
import { Campaign } from '../campaigns/campaign.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Conference, ConferenceStatus } from './conference.entity';
import type { CreateConferenceInput } from './conference.inputs';
import {
  CONFERENCE_LIFECYCLE,
  DELEGATION_LIFECYCLE,
  requireLiveConference,
} from './conference.rules';
import { Delegation, DelegationStatus } from './delegation.entity';
import { DelegationService, keptWarnings } from './delegation.service';

/** Conferences are listed newest first. */
export const CONFERENCE_ORDER: PageOrder<Conference> = {
  keys: ['startsAt', 'id'],
  direction: 'DESC',
};

/**
 * Conferences and delegations: the SCHEDULED → LIVE → ENDED lifecycle,
 * announcing awards, approving delegations, and the reads behind their
 * GraphQL fields. Every change a screen must see is logged with appendEvent
 * in the same transaction.
 *
 * Locks are always taken conference first, then the award or delegation,
 * so that concurrent announcements and approvals cannot deadlock. Starting
 * and ending lock the conference FOR UPDATE; everything that needs it to
 * stay as it is takes a share lock, so those do not wait for each other.
 */
export class ConferenceService {
  private readonly dataSource: DataSource;
  private readonly delegations: DelegationService;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.delegations = new DelegationService(deps);
  }

  /** Conferences with `status` (all when null), newest first. */
  list(
    status: ConferenceStatus | null | undefined,
    page: PageArgs,
  ): Promise<Connection<Conference>> {
    return paginate(this.dataSource.manager, Conference, page, {
      order: CONFERENCE_ORDER,
      where: status ? sql`t.status = ${status}` : undefined,
    });
  }

  /** Schedules a conference. NOT_FOUND for an unknown host unit; BAD_USER_INPUT for a blank title. */
  async create(input: CreateConferenceInput): Promise<Conference> {
    const title = requiredName(input.title, 'title', 300);
    const venue = optionalText(input.venue, 'venue', 300) ?? null;
    const hostUnitId = parseId(input.hostUnitId, 'hostUnitId');
    if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) {
      throw new BadInputError(msg('conference.badStartsAt'), { field: 'startsAt' });
    }
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Unit, { id: hostUnitId }))) {
        throw new NotFoundError('Unit', hostUnitId);
      }
      const [row] = await query<{ id: string }>(
        manager,
        sql`INSERT INTO conference (title, host_unit_id, venue, starts_at)
            VALUES (${title}, ${hostUnitId}, ${venue}, ${input.startsAt}) RETURNING id`,
      );
      return manager.findOneByOrFail(Conference, { id: row.id });
    });
  }

  /** SCHEDULED → LIVE; logs ConferenceStarted. RULE_VIOLATION from any other state. */
  start(rawId: string): Promise<Conference> {
    return this.transition(rawId, ConferenceStatus.LIVE);
  }

  /** LIVE → ENDED; logs ConferenceEnded, the conference's last event. RULE_VIOLATION from any other state. */
  end(rawId: string): Promise<Conference> {
    return this.transition(rawId, ConferenceStatus.ENDED);
  }

  private async transition(
    rawId: string,
    to: ConferenceStatus.LIVE | ConferenceStatus.ENDED,
  ): Promise<Conference> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const conference = await lockById(manager, Conference, id);
      CONFERENCE_LIFECYCLE.assertTransition(conference.status, to);
      const live = to === ConferenceStatus.LIVE;
      const event = await appendEvent(manager, {
        type: live ? EventType.CONFERENCE_STARTED : EventType.CONFERENCE_ENDED,
        conferenceId: id,
      });
      const column = sql.raw(live ? 'started_at' : 'ended_at');
      await query(
        manager,
        sql`UPDATE conference SET status = ${to}, ${column} = ${event.occurred_at} WHERE id = ${id}`,
      );
      return manager.findOneByOrFail(Conference, { id });
    });
  }

  /**
   * Announces an APPROVED award at a LIVE conference: the award becomes
   * ANNOUNCED there and AwardAnnounced is logged. Idempotent: when the award
   * is already announced at this conference (earlier, or by a concurrent
   * call), returns that first event and changes nothing, even once the
   * conference has ended. RULE_VIOLATION when it was announced at another
   * conference, is not APPROVED, or the conference is not LIVE; NOT_FOUND
   * for an unknown conference or award.
   */
  async announceAward(rawConferenceId: string, rawAwardId: string): Promise<LoggedEvent> {
    const conferenceId = parseId(rawConferenceId, 'conferenceId');
    const awardId = parseId(rawAwardId, 'awardId');
    const earlier = await this.earlierAnnouncement(this.dataSource.manager, conferenceId, awardId);
    if (earlier) return earlier;
    let eventId: number;
    try {
      eventId = await this.dataSource.transaction(async (manager) => {
        await requireLiveConference(manager, conferenceId);
        const award = await lockById(manager, Award, awardId);
        // A concurrent call may have announced it while we waited for the locks.
        const first = await this.earlierAnnouncement(manager, conferenceId, awardId);
        if (first) return first.id;
        AWARD_LIFECYCLE.assertTransition(award.status, AwardStatus.ANNOUNCED);
        const event = await appendEvent(manager, {
          type: EventType.AWARD_ANNOUNCED,
          conferenceId,
          awardId,
        });
        await query(
          manager,
          sql`UPDATE award SET status = 'ANNOUNCED', conference_id = ${conferenceId},
                     announced_at = ${event.occurred_at}
               WHERE id = ${awardId}`,
        );
        return event.id;
      });
    } catch (error) {
      // The log's unique index is the last guard against a second announcement.
      if (isUniqueViolation(error, 'conference_event_award_once')) {
        const first = await this.earlierAnnouncement(
          this.dataSource.manager,
          conferenceId,
          awardId,
        );
        if (first) return first;
      }
      throw error;
    }
    return this.eventById(eventId);
  }

  /**
   * The logged announcement of `awardId` when the award is ANNOUNCED at this
   * conference; null when it is not announced; RULE_VIOLATION when it was
   * announced at another conference.
   */
  private async earlierAnnouncement(
    manager: EntityManager,
    conferenceId: string,
    awardId: string,
  ): Promise<LoggedEvent | null> {
    const [event] = await loggedEvents(
      manager,
      sql`JOIN award a ON a.id = e.award_id AND a.status = 'ANNOUNCED'
          WHERE e.award_id = ${awardId} AND e.type = 'AWARD_ANNOUNCED'`,
    );
    if (!event) return null;
    if (event.conferenceId !== conferenceId) {
      const other = await queryOne<{ title: string }>(
        manager,
        sql`SELECT title FROM conference WHERE id = ${event.conferenceId}`,
      );
      throw new RuleViolationError(
        msg('conference.announcedElsewhere', {
          awardId,
          conference: other?.title ?? event.conferenceId,
        }),
        { conferenceId: event.conferenceId },
      );
    }
    return event;
  }

  /** A committed event by id. */
  async eventById(id: number): Promise<LoggedEvent> {
    const [event] = await loggedEvents(this.dataSource, sql`WHERE e.id = ${id}`);
    if (!event) throw new Error(`event ${id} is not in the log`);
    return event;
  }

  /**
   * DRAFT → APPROVED. At a LIVE conference this logs DelegationApproved for
   * its screens; before the conference (SCHEDULED) the approval is recorded
   * without an event, as no screen is running yet; once the conference has
   * ENDED its record is closed and approval is RULE_VIOLATION (it would be an
   * approval "at" the conference missing from its log). Quotas exceeded, or
   * official delegates under no quota, are RULE_VIOLATION with the checks;
   * WARN checks (delegates who are neither advanced models nor award holders
   * of the period) are kept on the delegation.
   */
  async approveDelegation(rawId: string): Promise<Delegation> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(Delegation, { id });
      if (!found) throw new NotFoundError('Delegation', id);
      const conference = await lockById(manager, Conference, found.conferenceId, 'share');
      const delegation = await lockById(manager, Delegation, id);
      DELEGATION_LIFECYCLE.assertTransition(delegation.status, DelegationStatus.APPROVED);
      if (conference.status === ConferenceStatus.ENDED) {
        throw new RuleViolationError(
          msg('delegation.approvalAfterEnd', { title: conference.title }),
          { status: conference.status },
        );
      }
      const warnings = await this.delegations.checkForApproval(manager, delegation);
      let approvedAt = new Date();
      if (conference.status === ConferenceStatus.LIVE) {
        const event = await appendEvent(manager, {
          type: EventType.DELEGATION_APPROVED,
          conferenceId: conference.id,
          delegationId: id,
        });
        approvedAt = event.occurred_at;
      }
      await query(
        manager,
        sql`UPDATE delegation SET status = 'APPROVED', approved_at = ${approvedAt},
                   warnings = ${JSON.stringify(keptWarnings(warnings))}
             WHERE id = ${id}`,
      );
      return manager.findOneByOrFail(Delegation, { id });
    });
  }

  /**
   * Opens a subscriber's feed: the events matching `filter` after position
   * `after` (null: from now). NOT_FOUND for an unknown conference or
   * campaign. A feed of an ENDED conference from now is already complete; with
   * `after` it replays up to ConferenceEnded and completes.
   */
  async openFeed(
    realtime: RealtimeService,
    filter: EventFilter,
    after: number | null,
  ): Promise<EventStream> {
    // Attach first, check second: an event committed meanwhile is already queued.
    const stream = await realtime.open(filter, after);
    try {
      if (filter.kind === 'pledges') {
        if (!(await this.dataSource.manager.existsBy(Campaign, { id: filter.campaignId }))) {
          throw new NotFoundError('Campaign', filter.campaignId);
        }
      } else if (filter.kind !== 'dossiers' && filter.conferenceId !== null) {
        const conference = await this.dataSource.manager.findOneBy(Conference, {
          id: filter.conferenceId,
        });
        if (!conference) throw new NotFoundError('Conference', filter.conferenceId);
        if (conference.status === ConferenceStatus.ENDED && after === null) await stream.return();
      }
    } catch (error) {
      await stream.return();
      throw error;
    }
    return stream;
  }

  /** For Conference.announcedAwards: each conference's announced awards, in announcement order. */
  async announcedAwards(conferenceIds: readonly string[]): Promise<Award[][]> {
    const pairs = await query<{ conference_id: string; award_id: string }>(
      this.dataSource,
      sql`SELECT e.conference_id, e.award_id FROM conference_event e
           WHERE e.type = 'AWARD_ANNOUNCED' AND e.conference_id = ANY(${[...conferenceIds]})
           ORDER BY e.conference_id, e.position`,
    );
    const awards = pairs.length
      ? await entityRows(this.dataSource, Award).selectIn(
          this.dataSource,
          'id',
          pairs.map((p) => p.award_id),
        )
      : [];
    const byId = new Map(awards.map((award) => [award.id, award]));
    return group(
      conferenceIds,
      pairs,
      (p) => p.conference_id,
      (p) => byId.get(p.award_id),
    );
  }

  /** For Delegation.members: each delegation's official delegates, in list order. */
  async membersOf(delegationIds: readonly string[]): Promise<Person[][]> {
    const pairs = await query<{ delegation_id: string; person_id: string }>(
      this.dataSource,
      sql`SELECT delegation_id, person_id FROM delegation_member
           WHERE delegation_id = ANY(${[...delegationIds]}) AND role = 'OFFICIAL'
           ORDER BY delegation_id, position`,
    );
    const people = pairs.length
      ? await entityRows(this.dataSource, Person).selectIn(
          this.dataSource,
          'id',
          pairs.map((p) => p.person_id),
        )
      : [];
    const byId = new Map(people.map((person) => [person.id, person]));
    return group(
      delegationIds,
      pairs,
      (p) => p.delegation_id,
      (p) => byId.get(p.person_id),
    );
  }

  /**
   * For Conference.events: up to `first` events of each conference after
   * position `after` (null: from the start), oldest first. One statement for
   * any number of conferences.
   */
  async eventsOf(
    conferenceIds: readonly string[],
    first: number,
    after: number | null,
  ): Promise<LoggedEvent[][]> {
    checkFirst(first);
    if (first === 0) return conferenceIds.map(() => []);
    const rows = await query(
      this.dataSource,
      sql`SELECT * FROM (
            SELECT l.*, row_number() OVER (PARTITION BY l.conference_id ORDER BY l.position) AS rn
              FROM (${LOGGED_EVENT_SELECT}
                     WHERE e.conference_id = ANY(${[...conferenceIds]}) AND e.position > ${after ?? 0}) l
          ) ranked
          WHERE rn <= ${first}
          ORDER BY conference_id, position`,
    );
    const events = rows.map(toLoggedEvent);
    return group(
      conferenceIds,
      events,
      (e) => e.conferenceId as string,
      (e) => e,
    );
  }
}

/** Groups rows under their parent keys, in row order; `value` may drop a row by returning undefined. */
function group<R, V>(
  keys: readonly string[],
  rows: readonly R[],
  keyOf: (row: R) => string,
  value: (row: R) => V | undefined,
): V[][] {
  const grouped = new Map<string, V[]>();
  for (const row of rows) {
    const v = value(row);
    if (v === undefined) continue;
    const key = keyOf(row);
    const list = grouped.get(key) ?? [];
    list.push(v);
    grouped.set(key, list);
  }
  return keys.map((key) => grouped.get(key) ?? []);
}
