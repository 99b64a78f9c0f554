import type { EntityManager } from 'typeorm';
import { query, sql, type Queryable, type SqlFragment } from '../common/sql';
import type { EventFilter } from './event-hub';

/** The channel every API process LISTENs on; payloads are only event ids. */
export const EVENT_CHANNEL = 'conference_events';

export enum EventType {
  CONFERENCE_STARTED = 'CONFERENCE_STARTED',
  AWARD_ANNOUNCED = 'AWARD_ANNOUNCED',
  CAMPAIGN_LAUNCHED = 'CAMPAIGN_LAUNCHED',
  CAMPAIGN_REGISTERED = 'CAMPAIGN_REGISTERED',
  DELEGATION_APPROVED = 'DELEGATION_APPROVED',
  CONFERENCE_ENDED = 'CONFERENCE_ENDED',
  /** A dossier moved in its lifecycle (dossier_transition_id says how). */
  DOSSIER_UPDATED = 'DOSSIER_UPDATED',
  /** A dossier passed its due date unprocessed (the daily check logs it once per due date). */
  DOSSIER_OVERDUE = 'DOSSIER_OVERDUE',
}

/** What a state change reports. */
export type NewEvent =
  | { type: EventType.CONFERENCE_STARTED | EventType.CONFERENCE_ENDED; conferenceId: string }
  | { type: EventType.AWARD_ANNOUNCED; conferenceId: string; awardId: string }
  | { type: EventType.CAMPAIGN_LAUNCHED; conferenceId: string; campaignId: string }
  | {
      type: EventType.CAMPAIGN_REGISTERED;
      conferenceId: string | null;
      campaignId: string;
      registrationId: string;
      registrationCount: number;
    }
  | { type: EventType.DELEGATION_APPROVED; conferenceId: string; delegationId: string }
  | { type: EventType.DOSSIER_UPDATED; dossierId: string; transitionId: string }
  | { type: EventType.DOSSIER_OVERDUE; dossierId: string };

/** A logged event row. */
export interface EventRow {
  /** bigserial; read as a JS number (see src/db/data-source.ts). */
  id: number;
  /**
   * Global, gapless and commit-ordered (see the EventLogPosition migration):
   * the order of the log, for one conference as for all. Null only inside
   * the writing transaction, until it commits.
   */
  position: number | null;
  type: EventType;
  conference_id: string | null;
  award_id: string | null;
  campaign_id: string | null;
  registration_id: string | null;
  delegation_id: string | null;
  registration_count: number | null;
  dossier_id: string | null;
  dossier_transition_id: string | null;
  occurred_at: Date;
}

/**
 * Appends an event inside the caller's transaction and queues
 * `pg_notify(EVENT_CHANNEL, id)`, which PostgreSQL delivers only on commit:
 * a rolled-back change is never announced. The global `position` is
 * assigned at commit by a deferred trigger, so the returned row has
 * `position: null`; read the row again after the commit when you need it.
 */
export async function appendEvent(manager: EntityManager, event: NewEvent): Promise<EventRow> {
  const [row] = await query<EventRow>(
    manager,
    sql`INSERT INTO conference_event
          (type, conference_id, award_id, campaign_id, registration_id, delegation_id, registration_count,
           dossier_id, dossier_transition_id)
        VALUES (${event.type}, ${'conferenceId' in event ? event.conferenceId : null},
                ${'awardId' in event ? event.awardId : null},
                ${'campaignId' in event ? event.campaignId : null},
                ${'registrationId' in event ? event.registrationId : null},
                ${'delegationId' in event ? event.delegationId : null},
                ${'registrationCount' in event ? event.registrationCount : null},
                ${'dossierId' in event ? event.dossierId : null},
                ${'transitionId' in event ? event.transitionId : null})
        RETURNING *`,
  );
  await query(manager, sql`SELECT pg_notify(${EVENT_CHANNEL}, ${String(row.id)})`);
  return row;
}

/**
 * A committed event as screens receive it: camel-cased, with its position.
 * The bridge publishes one object per event and process, shared by every
 * subscription (the WebSocket fan-out keys its shared results on it).
 */
export interface LoggedEvent {
  id: number;
  position: number;
  type: EventType;
  conferenceId: string | null;
  awardId: string | null;
  campaignId: string | null;
  registrationId: string | null;
  delegationId: string | null;
  registrationCount: number | null;
  dossierId: string | null;
  dossierTransitionId: string | null;
  /** The materialized path of the dossier's unit (dossier events only): which unit subtrees see it. */
  dossierUnitPath: string | null;
  occurredAt: Date;
  /**
   * The conference the event is shown under: its own, or, for a pledge made
   * outside any conference, the conference that launched the campaign (null
   * when there is none).
   */
  displayConferenceId: string | null;
}

/** The select list (over `conference_event e LEFT JOIN campaign c`) that toLoggedEvent reads. */
export const LOGGED_EVENT_SELECT = sql`
  SELECT e.id, e.position, e.type, e.conference_id, e.award_id, e.campaign_id,
         e.registration_id, e.delegation_id, e.registration_count, e.occurred_at,
         coalesce(e.conference_id, c.launched_at_conference_id) AS display_conference_id,
         e.dossier_id, e.dossier_transition_id, du.path AS dossier_unit_path
    FROM conference_event e
    LEFT JOIN campaign c ON c.id = e.campaign_id AND e.conference_id IS NULL
    LEFT JOIN dossier d ON d.id = e.dossier_id
    LEFT JOIN unit du ON du.id = d.unit_id`;

/** The logged events LOGGED_EVENT_SELECT reads with `rest` (joins, WHERE, ORDER BY…) after it. */
export async function loggedEvents(db: Queryable, rest: SqlFragment): Promise<LoggedEvent[]> {
  const rows = await query(db, sql`${LOGGED_EVENT_SELECT} ${rest}`);
  return rows.map(toLoggedEvent);
}

/**
 * The SQL condition (on `conference_event e`) for the events a stream with
 * `filter` reads when replaying: what it delivers (see `deliverable`), plus
 * the final event that completes it (see `isFinal`).
 */
export function eventFilterSql(filter: EventFilter): SqlFragment {
  switch (filter.kind) {
    case 'conference':
      return sql`e.conference_id = ${filter.conferenceId}`;
    case 'announcements':
      return filter.conferenceId === null
        ? sql`e.type = 'AWARD_ANNOUNCED'`
        : sql`e.conference_id = ${filter.conferenceId} AND e.type IN ('AWARD_ANNOUNCED', 'CONFERENCE_ENDED')`;
    case 'pledges':
      return sql`e.campaign_id = ${filter.campaignId} AND e.type = 'CAMPAIGN_REGISTERED'`;
    case 'dossiers':
      return sql`e.dossier_id IN (SELECT sd.id FROM dossier sd JOIN unit su ON su.id = sd.unit_id
                                   WHERE su.path LIKE ${`${filter.unitPath}%`})`;
    default: {
      const never: never = filter;
      return never;
    }
  }
}

/** Maps a row selected with LOGGED_EVENT_SELECT. */
export function toLoggedEvent(row: Record<string, unknown>): LoggedEvent {
  return {
    id: Number(row.id),
    position: Number(row.position),
    type: row.type as EventType,
    conferenceId: (row.conference_id as string | null) ?? null,
    awardId: (row.award_id as string | null) ?? null,
    campaignId: (row.campaign_id as string | null) ?? null,
    registrationId: (row.registration_id as string | null) ?? null,
    delegationId: (row.delegation_id as string | null) ?? null,
    registrationCount:
      row.registration_count === null || row.registration_count === undefined
        ? null
        : Number(row.registration_count),
    occurredAt: row.occurred_at as Date,
    displayConferenceId: (row.display_conference_id as string | null) ?? null,
    dossierId: (row.dossier_id as string | null) ?? null,
    dossierTransitionId: (row.dossier_transition_id as string | null) ?? null,
    dossierUnitPath: (row.dossier_unit_path as string | null) ?? null,
  };
}
