import type { QueryRunner } from 'typeorm';

/**
 * The statement-level triggers that keep the dashboard's tallies (used by the
 * migrations from CampaignRollup on; the earlier ones spell theirs out).
 */
export const TRIGGER_EVENTS = ['insert', 'update', 'delete', 'truncate'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** When a statement trigger of `event` on `table` fires, with its transition tables new_rows / old_rows. */
export function statementTrigger(event: TriggerEvent, table: string): string {
  switch (event) {
    case 'insert':
      return `AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT`;
    case 'update':
      return `AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT`;
    case 'delete':
      return `AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT`;
    case 'truncate':
      return `AFTER TRUNCATE ON ${table} FOR EACH STATEMENT`;
    default: {
      const never: never = event;
      throw new Error(`unknown trigger event ${String(never)}`);
    }
  }
}

/**
 * Function `name` running `body` (PL/pgSQL statements) and its statement
 * trigger of `event` on `table`, enabled ALWAYS: it also fires for bulk loads
 * under session_replication_role = replica.
 */
export async function createStatementTrigger(
  q: QueryRunner,
  table: string,
  event: TriggerEvent,
  name: string,
  body: string,
): Promise<void> {
  await q.query(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body}
      RETURN NULL;
    END $$`);
  await q.query(
    `CREATE TRIGGER ${name} ${statementTrigger(event, table)} EXECUTE FUNCTION ${name}()`,
  );
  await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${name}`);
}

/** Drops what createStatementTrigger made. */
export async function dropStatementTrigger(q: QueryRunner, table: string, name: string) {
  await q.query(`DROP TRIGGER ${name} ON ${table}`);
  await q.query(`DROP FUNCTION ${name}()`);
}
