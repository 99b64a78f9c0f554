import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose new rows a mutation's audit entry names (see audit_capture below). */
const AUDITED_TABLES = [
  'account',
  'unit',
  'person',
  'campaign',
  'campaign_registration',
  'campaign_review',
  'achievement',
  'model_replication',
  'award',
  'award_type',
  'conference',
  'delegation',
];

/**
 * The audit log: one row per mutation (src/modules/audit). A successful
 * mutation's row is written in its own transaction, just before it commits,
 * so a change and its row exist together or not at all; a refused or failed
 * one gets a row of its own. Rows are never updated or deleted: triggers
 * refuse it (an administrator with the table owner's rights could still drop
 * the triggers; that is out of reach of the API).
 *
 * `audit_capture` names the rows a mutation creates: while the mutation's
 * transaction has set `thidua.audit` to 'on', each insert into an audited
 * table appends the new id to the transaction-local `thidua.audit_created`,
 * which the audit row then reads. It costs nothing outside mutations (seeds,
 * bulk loads): the first test fails and returns.
 */
export class AuditLog1764510100000 implements MigrationInterface {
  name = 'AuditLog1764510100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        request_id text,
        account_id uuid,
        username text,
        role text,
        operation text NOT NULL,
        target_ids text[] NOT NULL DEFAULT '{}',
        outcome text NOT NULL,
        ip text,
        transport text NOT NULL CHECK (transport IN ('HTTP','WEBSOCKET'))
      )`);
    await q.query(`CREATE INDEX audit_log_account_idx ON audit_log (account_id, id)`);
    await q.query(`CREATE INDEX audit_log_operation_idx ON audit_log (operation, id)`);
    await q.query(`CREATE INDEX audit_log_targets_idx ON audit_log USING gin (target_ids)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    await q.query(`
      CREATE FUNCTION audit_capture() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('thidua.audit', true) = 'on' THEN
          PERFORM set_config('thidua.audit_created',
            concat_ws(',', nullif(current_setting('thidua.audit_created', true), ''), NEW.id::text),
            true);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of AUDITED_TABLES) {
      await q.query(`
        CREATE TRIGGER audit_capture AFTER INSERT ON ${table}
          FOR EACH ROW EXECUTE FUNCTION audit_capture()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of AUDITED_TABLES) {
      await q.query(`DROP TRIGGER audit_capture ON ${table}`);
    }
    await q.query(`DROP FUNCTION audit_capture()`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
