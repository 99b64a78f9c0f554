import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns, achievements and the dashboard:
 * - registration times are kept to the millisecond, so that keyset cursors
 *   (which carry a JavaScript Date) compare exactly with the stored value;
 * - a campaign has at most one FINAL review (tổng kết);
 * - indexes for the nested achievement lists (by campaign, by unit) in their
 *   page order, and for the dashboard's aggregates.
 */
export class CampaignWorkflow1764461500000 implements MigrationInterface {
  name = 'CampaignWorkflow1764461500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE campaign_registration ALTER COLUMN registered_at TYPE timestamptz(3)`,
    );
    await q.query(
      `CREATE INDEX campaign_registration_campaign_idx ON campaign_registration (campaign_id, registered_at, id)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX campaign_review_one_final ON campaign_review (campaign_id) WHERE kind = 'FINAL'`,
    );
    await q.query(
      `CREATE INDEX achievement_campaign_page_idx ON achievement (campaign_id, achieved_on DESC, id DESC) WHERE campaign_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX campaign_start_idx ON campaign (starts_on DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX campaign_start_idx`);
    await q.query(`DROP INDEX achievement_campaign_page_idx`);
    await q.query(`DROP INDEX campaign_review_one_final`);
    await q.query(`DROP INDEX campaign_registration_campaign_idx`);
    await q.query(`ALTER TABLE campaign_registration ALTER COLUMN registered_at TYPE timestamptz`);
  }
}
