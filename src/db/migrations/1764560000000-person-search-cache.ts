import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What makes a people search cheap whatever the term (src/modules/people/person-search.ts):
 *
 * - `person_search_order_idx` (search_name, full_name, id): the order search
 *   results are listed in, so that a page can be read by walking the names in
 *   order and stopping after the page (`LIMIT`), instead of sorting every match.
 * - `person_search_count`: per unaccented term, the number of people whose
 *   search_name contains it, the first and last such search_name in that
 *   order, whether walking from the first reaches the first page quickly
 *   (`walk`), and the first page's ids (for the terms a walk does not suit).
 *   Filled by searches; a row is valid only while its `generation` is the
 *   one in `person_search_generation`.
 * - `person_search_generation`: one counter, bumped by a statement-level
 *   trigger before every statement that can change who matches a term
 *   (INSERT, DELETE, TRUNCATE and UPDATE OF full_name on person; search_name is
 *   generated from full_name). The bump commits or rolls back with the change,
 *   and a row is filled from a count and a generation read in one snapshot, so
 *   a cached count is used only by snapshots that see exactly the people it
 *   counted: exact, not eventually right. The trigger is ENABLE ALWAYS, so
 *   bulk loads under session_replication_role = replica bump it too. Writers
 *   of person queue on the counter's row (a short lock, till commit); person
 *   is written by hand, a person at a time, so that costs nothing measurable.
 */
export class PersonSearchCache1764560000000 implements MigrationInterface {
  name = 'PersonSearchCache1764560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX person_search_order_idx ON person (search_name, full_name, id)`);
    await q.query(`
      CREATE TABLE person_search_generation (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        generation bigint NOT NULL
      )`);
    await q.query(`INSERT INTO person_search_generation (generation) VALUES (1)`);
    await q.query(`
      CREATE TABLE person_search_count (
        -- immutable_unaccent of the search text, spaces collapsed: what search_name must contain.
        term text PRIMARY KEY,
        generation bigint NOT NULL,
        total integer NOT NULL,
        -- The smallest and largest search_name containing the term (NULL when none does).
        first_name text,
        last_name text,
        -- Whether a walk in search order from first_name meets the first page within a few rows.
        walk boolean NOT NULL,
        -- The first page's ids (21, or all when fewer match), in search order.
        page_ids uuid[] NOT NULL,
        filled_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION person_search_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE person_search_generation SET generation = generation + 1;
        RETURN NULL;
      END $$`);
    // BEFORE the statement: its row locks come after the counter's, so two writers never wait
    // on each other in opposite orders because of it.
    await q.query(`
      CREATE TRIGGER person_search_bump
        BEFORE INSERT OR DELETE OR UPDATE OF full_name OR TRUNCATE ON person
        FOR EACH STATEMENT EXECUTE FUNCTION person_search_bump()`);
    await q.query(`ALTER TABLE person ENABLE ALWAYS TRIGGER person_search_bump`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER person_search_bump ON person`);
    await q.query(`DROP FUNCTION person_search_bump()`);
    await q.query(`DROP TABLE person_search_count`);
    await q.query(`DROP TABLE person_search_generation`);
    await q.query(`DROP INDEX person_search_order_idx`);
  }
}
