import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole domain schema: units and people, accounts, the award catalogue,
 * campaigns, achievements, awards, conferences and delegations.
 *
 * Search columns go through `immutable_unaccent`, an IMMUTABLE wrapper around
 * `unaccent` (which is only STABLE), so that trigram indexes can be built on
 * diacritic-free, lower-cased names.
 */
export class InitialSchema1764460800000 implements MigrationInterface {
  name = 'InitialSchema1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE FUNCTION immutable_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);

    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PROVINCE','PARTY_COMMITTEE','DEPARTMENT','DIVISION','COMMUNE','ENTERPRISE','ASSOCIATION','OTHER')),
        parent_id uuid REFERENCES unit(id),
        -- Materialized path of ids, root first, ending with this unit: '/a/b/c/'.
        path text NOT NULL,
        depth int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX unit_code_key ON unit (lower(code))`);
    await q.query(`CREATE INDEX unit_parent_idx ON unit (parent_id)`);
    await q.query(`CREATE INDEX unit_path_idx ON unit (path text_pattern_ops)`);
    await q.query(
      `CREATE INDEX unit_search_idx ON unit USING gin ((immutable_unaccent(name) || ' ' || immutable_unaccent(code)) gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name text NOT NULL,
        gender text CHECK (gender IN ('FEMALE','MALE','OTHER')),
        position text,
        category text NOT NULL CHECK (category IN ('CADRE','CIVIL_SERVANT','PUBLIC_EMPLOYEE','WORKER')),
        is_leader boolean NOT NULL DEFAULT false,
        party_member boolean NOT NULL DEFAULT false,
        avatar_url text,
        unit_id uuid NOT NULL REFERENCES unit(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_unit_idx ON person (unit_id, full_name, id)`);
    await q.query(`CREATE INDEX person_name_order_idx ON person (full_name, id)`);
    await q.query(
      `CREATE INDEX person_search_idx ON person USING gin (immutable_unaccent(full_name) gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN','SECRETARY','COUNCIL','UNIT_MANAGER','MEMBER','VIEWER')),
        unit_id uuid REFERENCES unit(id),
        person_id uuid REFERENCES person(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'UNIT_MANAGER' OR unit_id IS NOT NULL),
        CHECK (role <> 'MEMBER' OR person_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX account_username_key ON account (lower(username))`);

    await q.query(`
      CREATE TABLE award_type (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_en text,
        category text NOT NULL CHECK (category IN ('EMULATION_TITLE','COMMENDATION')),
        recipient_kinds text[] NOT NULL,
        level text NOT NULL CHECK (level IN ('GRASSROOTS','PROVINCIAL','MINISTERIAL','NATIONAL')),
        bonus_multiple numeric(6,2) NOT NULL CHECK (bonus_multiple >= 0),
        approval_threshold numeric(4,3) NOT NULL DEFAULT 0.5 CHECK (approval_threshold > 0 AND approval_threshold <= 1),
        -- The rules checked on nomination: [{ code, params }], parameters are data.
        rules jsonb NOT NULL DEFAULT '[]',
        legal_basis text,
        sort_order int NOT NULL DEFAULT 0
      )`);

    await q.query(`
      CREATE TABLE conference (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        host_unit_id uuid NOT NULL REFERENCES unit(id),
        venue text,
        starts_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','LIVE','ENDED')),
        started_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX conference_starts_idx ON conference (starts_at DESC, id)`);

    await q.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        theme text,
        description text,
        kind text NOT NULL CHECK (kind IN ('REGULAR','THEMATIC')),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','LAUNCHED','CLOSED')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        organizer_id uuid NOT NULL REFERENCES unit(id),
        launched_at timestamptz,
        launched_at_conference_id uuid REFERENCES conference(id),
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on)
      )`);
    await q.query(`CREATE UNIQUE INDEX campaign_code_key ON campaign (lower(code))`);
    await q.query(`CREATE INDEX campaign_organizer_idx ON campaign (organizer_id)`);
    await q.query(`CREATE INDEX campaign_conference_idx ON campaign (launched_at_conference_id)`);

    await q.query(`
      CREATE TABLE campaign_registration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaign(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        pledge text,
        conference_id uuid REFERENCES conference(id),
        registered_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_registration_once UNIQUE (campaign_id, unit_id)
      )`);
    await q.query(`CREATE INDEX campaign_registration_unit_idx ON campaign_registration (unit_id)`);

    await q.query(`
      CREATE TABLE campaign_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaign(id),
        kind text NOT NULL CHECK (kind IN ('INTERIM','FINAL')),
        held_on date NOT NULL,
        summary text,
        conference_id uuid REFERENCES conference(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX campaign_review_campaign_idx ON campaign_review (campaign_id, held_on)`,
    );

    await q.query(`
      CREATE TABLE achievement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text,
        kind text NOT NULL CHECK (kind IN ('INITIATIVE','RESULT')),
        initiative_level text CHECK (initiative_level IN ('GRASSROOTS','PROVINCIAL','NATIONAL')),
        person_id uuid REFERENCES person(id),
        unit_id uuid REFERENCES unit(id),
        -- The unit the holder belonged to when it was recorded: the unit itself, or the person's unit.
        holder_unit_id uuid NOT NULL REFERENCES unit(id),
        campaign_id uuid REFERENCES campaign(id),
        achieved_on date NOT NULL,
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED','VERIFIED','REJECTED')),
        advanced_model boolean NOT NULL DEFAULT false,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((person_id IS NULL) <> (unit_id IS NULL)),
        CHECK (NOT advanced_model OR status = 'VERIFIED')
      )`);
    await q.query(
      `CREATE INDEX achievement_person_idx ON achievement (person_id, achieved_on DESC) WHERE person_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX achievement_unit_idx ON achievement (unit_id, achieved_on DESC) WHERE unit_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX achievement_holder_unit_idx ON achievement (holder_unit_id)`);
    await q.query(
      `CREATE INDEX achievement_campaign_idx ON achievement (campaign_id) WHERE campaign_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE model_replication (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        achievement_id uuid NOT NULL REFERENCES achievement(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        replicated_on date NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT model_replication_once UNIQUE (achievement_id, unit_id)
      )`);

    await q.query(`
      CREATE TABLE award (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type_id uuid NOT NULL REFERENCES award_type(id),
        -- Denormalised from the type so that a partial unique index can enforce one title a year.
        is_title boolean NOT NULL,
        person_id uuid REFERENCES person(id),
        unit_id uuid REFERENCES unit(id),
        -- The unit the recipient belonged to at nomination: the unit itself, or the person's unit.
        recipient_unit_id uuid NOT NULL REFERENCES unit(id),
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
        citation text,
        status text NOT NULL DEFAULT 'NOMINATED' CHECK (status IN ('NOMINATED','APPROVED','REJECTED','ANNOUNCED','REVOKED')),
        campaign_id uuid REFERENCES campaign(id),
        nominated_by_id uuid NOT NULL REFERENCES unit(id),
        nominated_at timestamptz NOT NULL DEFAULT now(),
        warnings text[] NOT NULL DEFAULT '{}',
        members_total int,
        members_present int,
        votes_for int,
        votes_against int,
        votes_abstain int,
        decision_number text,
        decided_on date,
        announced_at timestamptz,
        conference_id uuid REFERENCES conference(id),
        revoked_reason text,
        revoked_at timestamptz,
        CHECK ((person_id IS NULL) <> (unit_id IS NULL))
      )`);
    await q.query(
      `CREATE INDEX award_person_idx ON award (person_id, year DESC) WHERE person_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX award_unit_idx ON award (unit_id, year DESC) WHERE unit_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX award_recipient_unit_idx ON award (recipient_unit_id, year)`);
    await q.query(`CREATE INDEX award_type_year_idx ON award (type_id, year)`);
    await q.query(`CREATE INDEX award_status_idx ON award (status, year)`);
    await q.query(
      `CREATE INDEX award_campaign_idx ON award (campaign_id) WHERE campaign_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX award_conference_idx ON award (conference_id, announced_at) WHERE conference_id IS NOT NULL`,
    );
    await q.query(`
      CREATE UNIQUE INDEX award_one_title_a_year ON award (type_id, coalesce(person_id, unit_id), year)
      WHERE is_title AND status NOT IN ('REJECTED','REVOKED')`);

    await q.query(`
      CREATE TABLE award_achievement (
        award_id uuid NOT NULL REFERENCES award(id),
        achievement_id uuid NOT NULL REFERENCES achievement(id),
        -- False once the award is REJECTED or REVOKED, which frees the achievement.
        active boolean NOT NULL DEFAULT true,
        PRIMARY KEY (award_id, achievement_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX award_achievement_one_award ON award_achievement (achievement_id) WHERE active`,
    );

    await q.query(`
      CREATE TABLE delegation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        congress text NOT NULL,
        conference_id uuid NOT NULL REFERENCES conference(id),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','APPROVED')),
        approved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX delegation_conference_idx ON delegation (conference_id)`);
    await q.query(`
      CREATE TABLE delegation_member (
        delegation_id uuid NOT NULL REFERENCES delegation(id),
        person_id uuid NOT NULL REFERENCES person(id),
        position int NOT NULL,
        PRIMARY KEY (delegation_id, person_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'delegation_member',
      'delegation',
      'award_achievement',
      'award',
      'model_replication',
      'achievement',
      'campaign_review',
      'campaign_registration',
      'campaign',
      'conference',
      'award_type',
      'account',
      'person',
      'unit',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION immutable_unaccent(text)`);
  }
}
