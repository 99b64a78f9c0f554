import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dossiers meet the law: a dossier asks for awards of one kind (thường
 * xuyên, chuyên đề, đột xuất — the award's own `kind`), and the step that
 * makes a dossier DECIDED names the council meeting that decided its last
 * nominations. The decisions themselves stay in the register (award_decision,
 * reached through each nominee's award): a dossier keeps no decision of its own.
 */
export class DossierCouncil1764530100000 implements MigrationInterface {
  name = 'DossierCouncil1764530100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dossier
        ADD COLUMN award_kind text NOT NULL DEFAULT 'THUONG_XUYEN'
          CHECK (award_kind IN ('THUONG_XUYEN','CHUYEN_DE','DOT_XUAT'))`);
    await q.query(`
      ALTER TABLE dossier_transition
        ADD COLUMN council_meeting_id uuid REFERENCES council_meeting(id)`);
    await q.query(`
      CREATE INDEX dossier_transition_meeting_idx ON dossier_transition (council_meeting_id)
        WHERE council_meeting_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossier_transition DROP COLUMN council_meeting_id`);
    await q.query(`ALTER TABLE dossier DROP COLUMN award_kind`);
  }
}
