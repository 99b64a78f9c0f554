import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only event log (outbox) that conference screens and the
 * campaignRegistered subscription read. Rows are written in the same
 * transaction as the change they report; `seq` orders the events of one
 * conference without gaps (allocated under a lock on the conference row).
 */
export class ConferenceEventLog1764460900000 implements MigrationInterface {
  name = 'ConferenceEventLog1764460900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conference ADD COLUMN last_event_seq int NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE conference_event (
        id bigserial PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('CONFERENCE_STARTED','AWARD_ANNOUNCED','CAMPAIGN_LAUNCHED',
                                           'CAMPAIGN_REGISTERED','DELEGATION_APPROVED','CONFERENCE_ENDED')),
        -- Null only for a pledge made outside any conference (still streamed by campaignRegistered).
        conference_id uuid REFERENCES conference(id),
        seq int,
        award_id uuid REFERENCES award(id),
        campaign_id uuid REFERENCES campaign(id),
        registration_id uuid REFERENCES campaign_registration(id),
        delegation_id uuid REFERENCES delegation(id),
        registration_count int,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((conference_id IS NULL) = (seq IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX conference_event_order ON conference_event (conference_id, seq)`,
    );
    await q.query(
      `CREATE INDEX conference_event_campaign_idx ON conference_event (campaign_id, id) WHERE type = 'CAMPAIGN_REGISTERED'`,
    );
    // One announcement per award, whatever races: the second insert fails and the first event is returned.
    await q.query(
      `CREATE UNIQUE INDEX conference_event_award_once ON conference_event (award_id) WHERE type = 'AWARD_ANNOUNCED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conference_event`);
    await q.query(`ALTER TABLE conference DROP COLUMN last_event_seq`);
  }
}
