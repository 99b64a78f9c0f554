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
  id: string;
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
 * events are numbered without gaps in commit order.
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
