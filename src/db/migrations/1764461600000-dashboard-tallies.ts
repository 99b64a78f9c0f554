import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The campaign key of a tally row without a campaign (unique indexes need a value). */
const NO_CAMPAIGN = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** Award statuses the dashboard counts. */
const COUNTED = `('APPROVED','ANNOUNCED')`;

/** The ids of a unit's path, root first, ending with the unit itself: its ancestors-or-self. */
const ANCESTORS = (unit: string) =>
  `unnest(string_to_array(trim(both '/' from ${unit}.path), '/')::uuid[])`;

/**
 * Running subtree tallies behind the dashboard, so that it costs about the
 * same over a million awards as over a thousand.
 *
 * `award_tally` holds, per (unit, award type, year, campaign), the number of
 * APPROVED or ANNOUNCED awards to recipients in that unit's subtree (the unit,
 * its subunits, and people of them), how many went to individuals, and how
 * many to people holding a leadership post. `achievement_tally` holds, per
 * (unit, year achieved, campaign), the VERIFIED achievements held in the
 * unit's subtree and the advanced models among them. Every award or
 * achievement counts once for its unit and once for each ancestor, so a
 * dashboard filtered on any unit reads only that unit's rows. `people_tally`
 * holds the number of people in each unit's subtree.
 *
 * They are kept exact inside the writing transaction:
 * - statement-level triggers with transition tables apply the changes of a
 *   whole statement as one grouped upsert (a bulk COPY costs one upsert, not
 *   a million), enabled ALWAYS so that loads running with
 *   session_replication_role = replica keep them too; upserts go in key
 *   order, so concurrent writers lock tally rows in the same order;
 * - a person's leadership flag is read under FOR SHARE, and a change of it
 *   moves that person's counted awards between leaders and others;
 * - the recipient's or holder's unit is read under FOR SHARE, so a unit move
 *   (which rewrites the subtree's paths) cannot interleave, and a move
 *   shifts the moved unit's subtree totals from the ancestors it leaves to
 *   the ones it joins.
 */
export class DashboardTallies1764461600000 implements MigrationInterface {
  name = 'DashboardTallies1764461600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE award_tally (
        unit_id uuid NOT NULL,
        type_id uuid NOT NULL,
        year int NOT NULL,
        campaign_id uuid,
        awards int NOT NULL,
        individual int NOT NULL,
        leaders int NOT NULL
      )`);
    await q.query(`
      CREATE UNIQUE INDEX award_tally_key
        ON award_tally (unit_id, type_id, year, (coalesce(campaign_id, ${NO_CAMPAIGN})))`);
    await q.query(`
      CREATE TABLE achievement_tally (
        unit_id uuid NOT NULL,
        year int NOT NULL,
        campaign_id uuid,
        verified int NOT NULL,
        advanced int NOT NULL
      )`);
    await q.query(`
      CREATE UNIQUE INDEX achievement_tally_key
        ON achievement_tally (unit_id, year, (coalesce(campaign_id, ${NO_CAMPAIGN})))`);

    await q.query(`CREATE TABLE people_tally (unit_id uuid PRIMARY KEY, people int NOT NULL)`);

    const awardUpsert = `
      ON CONFLICT (unit_id, type_id, year, (coalesce(campaign_id, ${NO_CAMPAIGN})))
      DO UPDATE SET awards = t.awards + excluded.awards,
                    individual = t.individual + excluded.individual,
                    leaders = t.leaders + excluded.leaders`;
    const achievementUpsert = `
      ON CONFLICT (unit_id, year, (coalesce(campaign_id, ${NO_CAMPAIGN})))
      DO UPDATE SET verified = t.verified + excluded.verified, advanced = t.advanced + excluded.advanced`;

    // ---------------------------------------------------------------- awards
    // `changes` is a set of (award row, +1 or -1), added up per ancestor-or-self key.
    const applyAwards = (changes: string) => `
      PERFORM 1 FROM person p
        WHERE p.id IN (SELECT c.person_id FROM (${changes}) c) ORDER BY p.id FOR SHARE;
      PERFORM 1 FROM unit u
        WHERE u.id IN (SELECT c.recipient_unit_id FROM (${changes}) c) ORDER BY u.id FOR SHARE;
      INSERT INTO award_tally AS t (unit_id, type_id, year, campaign_id, awards, individual, leaders)
      SELECT k.unit_id, c.type_id, c.year, c.campaign_id, sum(c.sign),
             coalesce(sum(c.sign) FILTER (WHERE c.person_id IS NOT NULL), 0),
             coalesce(sum(c.sign) FILTER (WHERE p.is_leader), 0)
        FROM (${changes}) c
        JOIN unit u ON u.id = c.recipient_unit_id
        CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
        LEFT JOIN person p ON p.id = c.person_id
       GROUP BY 1, 2, 3, 4
      HAVING sum(c.sign) <> 0
          OR coalesce(sum(c.sign) FILTER (WHERE c.person_id IS NOT NULL), 0) <> 0
          OR coalesce(sum(c.sign) FILTER (WHERE p.is_leader), 0) <> 0
       ORDER BY 1, 2, 3, 4
      ${awardUpsert};`;
    const counted = (rows: string, sign: number) =>
      `SELECT r.recipient_unit_id, r.type_id, r.year, r.campaign_id, r.person_id, ${sign} AS sign
         FROM ${rows} r WHERE r.status IN ${COUNTED}`;
    const functions: [name: string, body: string][] = [
      ['award_tally_insert', applyAwards(counted('new_rows', 1))],
      ['award_tally_delete', applyAwards(counted('old_rows', -1))],
      [
        'award_tally_update',
        applyAwards(`${counted('new_rows', 1)} UNION ALL ${counted('old_rows', -1)}`),
      ],
      ['award_tally_truncate', 'TRUNCATE award_tally;'],
    ];

    // ---------------------------------------------------------- achievements
    const applyAchievements = (changes: string) => `
      PERFORM 1 FROM unit u
        WHERE u.id IN (SELECT c.holder_unit_id FROM (${changes}) c) ORDER BY u.id FOR SHARE;
      INSERT INTO achievement_tally AS t (unit_id, year, campaign_id, verified, advanced)
      SELECT k.unit_id, extract(year FROM c.achieved_on)::int, c.campaign_id, sum(c.sign),
             coalesce(sum(c.sign) FILTER (WHERE c.advanced_model), 0)
        FROM (${changes}) c
        JOIN unit u ON u.id = c.holder_unit_id
        CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
       GROUP BY 1, 2, 3
      HAVING sum(c.sign) <> 0 OR coalesce(sum(c.sign) FILTER (WHERE c.advanced_model), 0) <> 0
       ORDER BY 1, 2, 3
      ${achievementUpsert};`;
    const verified = (rows: string, sign: number) =>
      `SELECT r.holder_unit_id, r.achieved_on, r.campaign_id, r.advanced_model, ${sign} AS sign
         FROM ${rows} r WHERE r.status = 'VERIFIED'`;
    functions.push(
      ['achievement_tally_insert', applyAchievements(verified('new_rows', 1))],
      ['achievement_tally_delete', applyAchievements(verified('old_rows', -1))],
      [
        'achievement_tally_update',
        applyAchievements(`${verified('new_rows', 1)} UNION ALL ${verified('old_rows', -1)}`),
      ],
      ['achievement_tally_truncate', 'TRUNCATE achievement_tally;'],
    );

    // ---------------------------------------------------------------- people
    const applyPeople = (changes: string) => `
      PERFORM 1 FROM unit u
        WHERE u.id IN (SELECT c.unit_id FROM (${changes}) c) ORDER BY u.id FOR SHARE;
      INSERT INTO people_tally AS t (unit_id, people)
      SELECT k.unit_id, sum(c.sign)
        FROM (${changes}) c
        JOIN unit u ON u.id = c.unit_id
        CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
       GROUP BY 1
      HAVING sum(c.sign) <> 0
       ORDER BY 1
      ON CONFLICT (unit_id) DO UPDATE SET people = t.people + excluded.people;`;
    const members = (rows: string, sign: number) =>
      `SELECT r.unit_id, ${sign} AS sign FROM ${rows} r`;
    functions.push(
      ['people_tally_insert', applyPeople(members('new_rows', 1))],
      ['people_tally_delete', applyPeople(members('old_rows', -1))],
      [
        'people_tally_update',
        applyPeople(`${members('new_rows', 1)} UNION ALL ${members('old_rows', -1)}`),
      ],
      ['people_tally_truncate', 'TRUNCATE people_tally;'],
    );

    // ------------------------------------------- people and units that change
    // A person takes or leaves a leadership post: their counted awards move.
    functions.push([
      'award_tally_leader',
      `
      PERFORM 1 FROM unit u
        WHERE u.id IN (SELECT a.recipient_unit_id FROM award a
                        WHERE a.person_id = NEW.id AND a.status IN ${COUNTED})
        ORDER BY u.id FOR SHARE;
      INSERT INTO award_tally AS t (unit_id, type_id, year, campaign_id, awards, individual, leaders)
      SELECT k.unit_id, a.type_id, a.year, a.campaign_id, 0, 0,
             count(*)::int * CASE WHEN NEW.is_leader THEN 1 ELSE -1 END
        FROM award a
        JOIN unit u ON u.id = a.recipient_unit_id
        CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
       WHERE a.person_id = NEW.id AND a.status IN ${COUNTED}
       GROUP BY 1, 2, 3, 4
       ORDER BY 1, 2, 3, 4
      ${awardUpsert};`,
    ]);
    // A unit moves: its subtree's totals leave the ancestors it no longer has
    // and join the new ones. Parents' paths do not change in a move (a unit
    // cannot move under its own subtree), so they give the old and new chains.
    const moved = (table: string, keys: string[], values: string[], upsert: string) => `
      INSERT INTO ${table} AS t (${['unit_id', ...keys, ...values].join(', ')})
      SELECT ${['m.unit_id', ...keys.map((k) => `s.${k}`), ...values.map((v) => `m.sign * s.${v}`)].join(', ')}
        FROM (SELECT a AS unit_id, -1 AS sign FROM unnest(old_chain) a WHERE a <> ALL (new_chain)
              UNION ALL
              SELECT a, 1 FROM unnest(new_chain) a WHERE a <> ALL (old_chain)) m
        JOIN ${table} s ON s.unit_id = NEW.id
       ORDER BY ${['1', ...keys].join(', ')}
      ${upsert};`;
    functions.push([
      'tally_unit_moved',
      `
      old_chain := coalesce((SELECT string_to_array(trim(both '/' from p.path), '/')::uuid[]
                               FROM unit p WHERE p.id = OLD.parent_id), '{}');
      new_chain := coalesce((SELECT string_to_array(trim(both '/' from p.path), '/')::uuid[]
                               FROM unit p WHERE p.id = NEW.parent_id), '{}');
      ${moved('award_tally', ['type_id', 'year', 'campaign_id'], ['awards', 'individual', 'leaders'], awardUpsert)}
      ${moved('achievement_tally', ['year', 'campaign_id'], ['verified', 'advanced'], achievementUpsert)}
      ${moved('people_tally', [], ['people'], 'ON CONFLICT (unit_id) DO UPDATE SET people = t.people + excluded.people')}`,
    ]);

    for (const [name, body] of functions) {
      const declare =
        name === 'tally_unit_moved' ? 'DECLARE old_chain uuid[]; new_chain uuid[];' : '';
      await q.query(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
        ${declare}
        BEGIN
          ${body}
          RETURN NULL;
        END $$`);
    }

    // -------------------------------------------------------------- triggers
    const triggers: [table: string, name: string, definition: string][] = [
      ['award', 'award_tally_insert', 'AFTER INSERT ON award REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'],
      ['award', 'award_tally_update', 'AFTER UPDATE ON award REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'],
      ['award', 'award_tally_delete', 'AFTER DELETE ON award REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'],
      ['award', 'award_tally_truncate', 'AFTER TRUNCATE ON award FOR EACH STATEMENT'],
      ['achievement', 'achievement_tally_insert', 'AFTER INSERT ON achievement REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'],
      ['achievement', 'achievement_tally_update', 'AFTER UPDATE ON achievement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'],
      ['achievement', 'achievement_tally_delete', 'AFTER DELETE ON achievement REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'],
      ['achievement', 'achievement_tally_truncate', 'AFTER TRUNCATE ON achievement FOR EACH STATEMENT'],
      ['person', 'people_tally_insert', 'AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT'],
      ['person', 'people_tally_update', 'AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT'],
      ['person', 'people_tally_delete', 'AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT'],
      ['person', 'people_tally_truncate', 'AFTER TRUNCATE ON person FOR EACH STATEMENT'],
      ['person', 'award_tally_leader', 'AFTER UPDATE OF is_leader ON person FOR EACH ROW WHEN (OLD.is_leader IS DISTINCT FROM NEW.is_leader)'],
      ['unit', 'tally_unit_moved', 'AFTER UPDATE OF parent_id ON unit FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)'],
    ]; // prettier-ignore
    for (const [table, name, definition] of triggers) {
      await q.query(`CREATE TRIGGER ${name} ${definition} EXECUTE FUNCTION ${name}()`);
      await q.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${name}`);
    }

    // ------------------------------------------------- rows already there
    // Recomputes every tally from the base tables, holding off writers meanwhile.
    // A bulk load may disable the tally triggers and call this once at the end.
    await q.query(`
      CREATE FUNCTION rebuild_dashboard_tallies() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE unit, person, award, achievement IN SHARE MODE;
        TRUNCATE award_tally, achievement_tally, people_tally;
        INSERT INTO award_tally (unit_id, type_id, year, campaign_id, awards, individual, leaders)
        SELECT k.unit_id, a.type_id, a.year, a.campaign_id, count(*),
               count(a.person_id), count(*) FILTER (WHERE p.is_leader)
          FROM award a
          JOIN unit u ON u.id = a.recipient_unit_id
          CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
          LEFT JOIN person p ON p.id = a.person_id
         WHERE a.status IN ${COUNTED}
         GROUP BY 1, 2, 3, 4;
        INSERT INTO achievement_tally (unit_id, year, campaign_id, verified, advanced)
        SELECT k.unit_id, extract(year FROM h.achieved_on)::int, h.campaign_id, count(*),
               count(*) FILTER (WHERE h.advanced_model)
          FROM achievement h
          JOIN unit u ON u.id = h.holder_unit_id
          CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
         WHERE h.status = 'VERIFIED'
         GROUP BY 1, 2, 3;
        INSERT INTO people_tally (unit_id, people)
        SELECT k.unit_id, count(*)
          FROM person p
          JOIN unit u ON u.id = p.unit_id
          CROSS JOIN LATERAL ${ANCESTORS('u')} AS k(unit_id)
         GROUP BY 1;
      END $$`);
    await q.query(`SELECT rebuild_dashboard_tallies()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const triggers: [table: string, name: string][] = [
      ['award', 'award_tally_insert'],
      ['award', 'award_tally_update'],
      ['award', 'award_tally_delete'],
      ['award', 'award_tally_truncate'],
      ['achievement', 'achievement_tally_insert'],
      ['achievement', 'achievement_tally_update'],
      ['achievement', 'achievement_tally_delete'],
      ['achievement', 'achievement_tally_truncate'],
      ['person', 'people_tally_insert'],
      ['person', 'people_tally_update'],
      ['person', 'people_tally_delete'],
      ['person', 'people_tally_truncate'],
      ['person', 'award_tally_leader'],
      ['unit', 'tally_unit_moved'],
    ];
    for (const [table, name] of triggers) {
      await q.query(`DROP TRIGGER ${name} ON ${table}`);
      await q.query(`DROP FUNCTION ${name}()`);
    }
    await q.query(`DROP FUNCTION rebuild_dashboard_tallies()`);
    await q.query(`DROP TABLE people_tally`);
    await q.query(`DROP TABLE achievement_tally`);
    await q.query(`DROP TABLE award_tally`);
  }
}
