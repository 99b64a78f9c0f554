import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A file is attached to a dossier (or to one of its nominees) once per
 * kind: attaching it again returns the attachment it already has. The
 * duplicates an earlier version let in are removed first, keeping the
 * earliest of each (nothing else refers to an attachment; the files stay).
 */
export class AttachmentOnce1764540000000 implements MigrationInterface {
  name = 'AttachmentOnce1764540000000';

  async up(q: QueryRunner): Promise<void> {
    // No attachment may slip in between the clean-up and the index (reads go on).
    await q.query(`LOCK TABLE dossier_attachment IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      DELETE FROM dossier_attachment a
       USING dossier_attachment b
       WHERE a.dossier_id = b.dossier_id
         AND a.nominee_id IS NOT DISTINCT FROM b.nominee_id
         AND a.kind = b.kind
         AND a.file_id = b.file_id
         AND (a.added_at, a.id) > (b.added_at, b.id)`);
    // A dossier's own documents have no nominee: the dossier's id stands in for it.
    await q.query(`
      CREATE UNIQUE INDEX dossier_attachment_once
        ON dossier_attachment (dossier_id, coalesce(nominee_id, dossier_id), kind, file_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dossier_attachment_once`);
  }
}
