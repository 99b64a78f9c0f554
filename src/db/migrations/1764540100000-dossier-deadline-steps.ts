import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dossier's history also keeps the steps that move its deadline without
 * changing its state: the emulation office setting or clearing inter-agency
 * consultation. Such a step has the same state before and after, the new
 * setting in `consultation` and the due dates before (`previous_due_on`) and
 * after (`due_on`); both new columns are null on every other step.
 */
export class DossierDeadlineSteps1764540100000 implements MigrationInterface {
  name = 'DossierDeadlineSteps1764540100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dossier_transition
        ADD COLUMN consultation boolean,
        ADD COLUMN previous_due_on date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE dossier_transition DROP COLUMN consultation, DROP COLUMN previous_due_on`,
    );
  }
}
