import type { EntityManager } from 'typeorm';

/** The channel every API process LISTENs on; payloads are only event ids. */
export const EVENT_CHANNEL = 'conference_events';

export enum EventType {
  CONFERENCE_STARTED = 'CONFERENCE_STARTED',
  AWARD_ANNOUNCED = 'AWARD_ANNOUNCED',
  CAMPAIGN_LAUNCHED = 'CAMPAIGN_LAUNCHED',
  CAMPAIGN_REGISTERED = 'CAMPAIGN_REGISTERED',
  DELEGATION_APPROVED = 'DELEGATION_APPROVED',
  CONFERENCE_ENDED = 'CONFERENCE_ENDED',
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
  | { type: EventType.DELEGATION_APPROVED; conferenceId: string; delegationId: string };

/** A logged event row. */
export interface EventRow {
  /** bigserial; read as a JS number (see src/db/data-source.ts). */
  id: number;
  /**
   * Global, gapless and commit-ordered (see the EventLogPosition migration);
   * null only inside the writing transaction, until it commits.
   */
  position: number | null;
  type: EventType;
  conference_id: string | null;
  seq: number | null;
  award_id: string | null;
  campaign_id: string | null;
  registration_id: string | null;
  delegation_id: string | null;
  registration_count: number | null;
  occurred_at: Date;
}

/**
 * Appends an event inside the caller's transaction and queues
 * `pg_notify(EVENT_CHANNEL, id)`, which PostgreSQL delivers only on commit:
 * a rolled-back change is never announced. For a conference event the next
 * `seq` is taken under a row lock on the conference, so one conference's
 * events are numbered without gaps in commit order. The global `position`
 * is assigned at commit by a deferred trigger, so the returned row has
 * `position: null`; read the row again after the commit when you need it.
 */
export async function appendEvent(manager: EntityManager, event: NewEvent): Promise<EventRow> {
  let seq: number | null = null;
  if (event.conferenceId) {
    const [rows] = await manager.query(
      `UPDATE conference SET last_event_seq = last_event_seq + 1 WHERE id = $1 RETURNING last_event_seq`,
      [event.conferenceId],
    );
    seq = (rows as { last_event_seq: number }[])[0]?.last_event_seq ?? null;
    if (seq === null)
      throw new Error(`conference ${event.conferenceId} vanished while logging an event`);
  }
  const rows: EventRow[] = await manager.query(
    `INSERT INTO conference_event
       (type, conference_id, seq, award_id, campaign_id, registration_id, delegation_id, registration_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING *`,
    [
      event.type,
      event.conferenceId,
      seq,
      'awardId' in event ? event.awardId : null,
      'campaignId' in event ? event.campaignId : null,
      'registrationId' in event ? event.registrationId : null,
      'delegationId' in event ? event.delegationId : null,
      'registrationCount' in event ? event.registrationCount : null,
    ],
  );
  const row = rows[0] as EventRow;
  await manager.query(`SELECT pg_notify($1, $2)`, [EVENT_CHANNEL, String(row.id)]);
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
  seq: number | null;
  awardId: string | null;
  campaignId: string | null;
  registrationId: string | null;
  delegationId: string | null;
  registrationCount: number | null;
  occurredAt: Date;
  /**
   * The conference the event is shown under: its own, or, for a pledge made
   * outside any conference, the conference that launched the campaign (null
   * when there is none).
   */
  displayConferenceId: string | null;
}

/** The select list (over `conference_event e LEFT JOIN campaign c`) that toLoggedEvent reads. */
export const LOGGED_EVENT_SELECT = `
  SELECT e.id, e.position, e.type, e.conference_id, e.seq, e.award_id, e.campaign_id,
         e.registration_id, e.delegation_id, e.registration_count, e.occurred_at,
         coalesce(e.conference_id, c.launched_at_conference_id) AS display_conference_id
    FROM conference_event e
    LEFT JOIN campaign c ON c.id = e.campaign_id AND e.conference_id IS NULL`;

/** Maps a row selected with LOGGED_EVENT_SELECT. */
export function toLoggedEvent(row: Record<string, unknown>): LoggedEvent {
  return {
    id: Number(row.id),
    position: Number(row.position),
    type: row.type as EventType,
    conferenceId: (row.conference_id as string | null) ?? null,
    seq: row.seq === null || row.seq === undefined ? null : Number(row.seq),
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
  };
}
