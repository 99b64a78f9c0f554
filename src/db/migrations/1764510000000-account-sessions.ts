import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens that die with their account. `account.version` is carried by every
 * token and bumped by a trigger whenever something a token stands for
 * changes (password, role, unit, person, username, disabled), however the
 * row is changed; another trigger announces inserts, deletes and version
 * changes on the `account_changes` channel, so every API process forgets
 * what it cached of that account within moments (src/auth/sessions.ts).
 *
 * `disabled_at` disables an account without deleting it (its audit trail and
 * references stay). `account_known_address` remembers where each account
 * signed in successfully, so that its owner gets past a lockout that others
 * caused (src/auth/sign-in-limits.ts). `sign_in_limit` holds the failed
 * sign-in counts every process shares.
 */
export class AccountSessions1764510000000 implements MigrationInterface {
  name = 'AccountSessions1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE account
        ADD COLUMN version int NOT NULL DEFAULT 1,
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN last_sign_in_at timestamptz`);
    await q.query(`
      CREATE FUNCTION account_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
           OR NEW.role IS DISTINCT FROM OLD.role
           OR NEW.unit_id IS DISTINCT FROM OLD.unit_id
           OR NEW.person_id IS DISTINCT FROM OLD.person_id
           OR NEW.username IS DISTINCT FROM OLD.username
           OR NEW.disabled_at IS DISTINCT FROM OLD.disabled_at THEN
          NEW.version := greatest(OLD.version, NEW.version) + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER account_bump_version BEFORE UPDATE ON account
        FOR EACH ROW EXECUTE FUNCTION account_bump_version()`);
    await q.query(`
      CREATE FUNCTION account_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM pg_notify('account_changes', NEW.id::text);
        ELSIF TG_OP = 'DELETE' OR NEW.version IS DISTINCT FROM OLD.version THEN
          PERFORM pg_notify('account_changes', OLD.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER account_announce_change AFTER INSERT OR UPDATE OR DELETE ON account
        FOR EACH ROW EXECUTE FUNCTION account_announce_change()`);

    await q.query(`
      CREATE TABLE account_known_address (
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        address text NOT NULL,
        last_sign_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, address)
      )`);
    await q.query(`
      CREATE TABLE sign_in_limit (
        key text PRIMARY KEY,
        failures int NOT NULL,
        window_start timestamptz NOT NULL,
        window_seconds int NOT NULL
      )`);
    await q.query(`CREATE INDEX sign_in_limit_window_idx ON sign_in_limit (window_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_limit`);
    await q.query(`DROP TABLE account_known_address`);
    await q.query(`DROP TRIGGER account_announce_change ON account`);
    await q.query(`DROP FUNCTION account_announce_change()`);
    await q.query(`DROP TRIGGER account_bump_version ON account`);
    await q.query(`DROP FUNCTION account_bump_version()`);
    await q.query(`
      ALTER TABLE account
        DROP COLUMN last_sign_in_at,
        DROP COLUMN password_changed_at,
        DROP COLUMN disabled_at,
        DROP COLUMN version`);
  }
}
