import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vietnam's public holidays of 2024-2026 (Labour Code 2019 Art. 112) as the
 * Government announced them: weekdays off, and Saturdays worked in exchange
 * for a bridge day (làm bù). Weekends are not listed: Saturday and Sunday are
 * days off unless a row says otherwise. Dates of later years are data that an
 * ADMIN adds when the Prime Minister's schedule is published (setCalendarDay).
 */
const CALENDAR: [day: string, working: boolean, name: string][] = [
  ['2024-01-01', false, 'Tết Dương lịch'],
  ['2024-02-08', false, 'Tết Nguyên đán Giáp Thìn'],
  ['2024-02-09', false, 'Tết Nguyên đán Giáp Thìn'],
  ['2024-02-12', false, 'Tết Nguyên đán Giáp Thìn'],
  ['2024-02-13', false, 'Tết Nguyên đán Giáp Thìn'],
  ['2024-02-14', false, 'Tết Nguyên đán Giáp Thìn'],
  ['2024-04-18', false, 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
  ['2024-04-29', false, 'Nghỉ hoán đổi dịp 30/4 - 1/5 (làm bù thứ Bảy 04/5)'],
  ['2024-04-30', false, 'Ngày Chiến thắng (30/4)'],
  ['2024-05-01', false, 'Ngày Quốc tế Lao động (1/5)'],
  ['2024-05-04', true, 'Làm bù cho ngày nghỉ 29/4'],
  ['2024-09-02', false, 'Quốc khánh (2/9)'],
  ['2024-09-03', false, 'Quốc khánh (ngày liền kề)'],
  ['2025-01-01', false, 'Tết Dương lịch'],
  ['2025-01-27', false, 'Tết Nguyên đán Ất Tỵ'],
  ['2025-01-28', false, 'Tết Nguyên đán Ất Tỵ'],
  ['2025-01-29', false, 'Tết Nguyên đán Ất Tỵ'],
  ['2025-01-30', false, 'Tết Nguyên đán Ất Tỵ'],
  ['2025-01-31', false, 'Tết Nguyên đán Ất Tỵ'],
  ['2025-04-07', false, 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
  ['2025-04-26', true, 'Làm bù cho ngày nghỉ 02/5'],
  ['2025-04-30', false, 'Ngày Chiến thắng (30/4)'],
  ['2025-05-01', false, 'Ngày Quốc tế Lao động (1/5)'],
  ['2025-05-02', false, 'Nghỉ hoán đổi dịp 30/4 - 1/5 (làm bù thứ Bảy 26/4)'],
  ['2025-09-01', false, 'Quốc khánh (ngày liền kề)'],
  ['2025-09-02', false, 'Quốc khánh (2/9)'],
  ['2026-01-01', false, 'Tết Dương lịch'],
  ['2026-02-16', false, 'Tết Nguyên đán Bính Ngọ'],
  ['2026-02-17', false, 'Tết Nguyên đán Bính Ngọ'],
  ['2026-02-18', false, 'Tết Nguyên đán Bính Ngọ'],
  ['2026-02-19', false, 'Tết Nguyên đán Bính Ngọ'],
  ['2026-02-20', false, 'Tết Nguyên đán Bính Ngọ'],
  ['2026-04-27', false, 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 26/4)'],
  ['2026-04-30', false, 'Ngày Chiến thắng (30/4)'],
  ['2026-05-01', false, 'Ngày Quốc tế Lao động (1/5)'],
  ['2026-09-01', false, 'Quốc khánh (ngày liền kề, theo thông báo hằng năm)'],
  ['2026-09-02', false, 'Quốc khánh (2/9)'],
];

/**
 * Paperwork: uploaded files (content-addressed on disk, described here), the
 * working-day calendar and the processing times of each review level, the
 * person's category in the statistical forms, and dossiers (tờ trình) with
 * their nominees, attachments and history. Dossier changes are logged in the
 * event log beside conference events, so `dossierUpdated` streams them the
 * same way (replay by cursor, then live).
 */
export class Paperwork1764530000000 implements MigrationInterface {
  name = 'Paperwork1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size int NOT NULL CHECK (size > 0),
        content_type text NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        unit_id uuid NOT NULL REFERENCES unit(id),
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stored_file_unit_idx ON stored_file (unit_id)`);
    await q.query(`CREATE INDEX stored_file_sha256_idx ON stored_file (sha256)`);

    await q.query(`
      CREATE TABLE calendar_day (
        day date PRIMARY KEY,
        working boolean NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300)
      )`);
    for (const [day, working, name] of CALENDAR) {
      await q.query(`INSERT INTO calendar_day (day, working, name) VALUES ($1, $2, $3)`, [
        day,
        working,
        name,
      ]);
    }
    await q.query(`
      CREATE TABLE processing_time (
        level text PRIMARY KEY CHECK (level IN ('REVIEW','COUNCIL')),
        working_days int NOT NULL CHECK (working_days BETWEEN 1 AND 365),
        with_consultation int NOT NULL CHECK (with_consultation BETWEEN 1 AND 365)
      )`);
    await q.query(`INSERT INTO processing_time VALUES ('REVIEW', 10, 20), ('COUNCIL', 10, 20)`);

    await q.query(`
      ALTER TABLE person ADD COLUMN report_category text NOT NULL DEFAULT 'DIRECT_WORKER'
        CHECK (report_category IN ('PROVINCIAL_LEADER','DEPARTMENT_LEADER','DEPUTY_HEAD_AND_ABOVE','DIRECT_WORKER'))`);
    await q.query(`UPDATE person SET report_category = 'DEPUTY_HEAD_AND_ABOVE' WHERE is_leader`);

    await q.query(`
      CREATE TABLE dossier (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text,
        title text NOT NULL,
        unit_id uuid NOT NULL REFERENCES unit(id),
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
        campaign_id uuid REFERENCES campaign(id),
        status text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','UNDER_REVIEW','RETURNED',
                                               'TO_COUNCIL','DECIDED','PUBLISHED','WITHDRAWN')),
        inter_agency_consultation boolean NOT NULL DEFAULT false,
        return_reason text,
        level_started_on date,
        due_on date,
        overdue_notified_on date,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level_started_on IS NULL) = (due_on IS NULL))
      )`);
    await q.query(`CREATE INDEX dossier_unit_idx ON dossier (unit_id, created_at)`);
    await q.query(`CREATE INDEX dossier_due_idx ON dossier (due_on) WHERE due_on IS NOT NULL`);
    await q.query(`
      CREATE TABLE dossier_nominee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossier(id),
        type_id uuid NOT NULL REFERENCES award_type(id),
        person_id uuid REFERENCES person(id),
        unit_id uuid REFERENCES unit(id),
        achievement_ids uuid[] NOT NULL DEFAULT '{}',
        citation text,
        return_reason text,
        checks jsonb NOT NULL DEFAULT '[]',
        checked_at timestamptz,
        award_id uuid UNIQUE REFERENCES award(id),
        added_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((person_id IS NULL) <> (unit_id IS NULL))
      )`);
    await q.query(
      `CREATE INDEX dossier_nominee_dossier_idx ON dossier_nominee (dossier_id, added_at, id)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX dossier_nominee_once
        ON dossier_nominee (dossier_id, type_id, coalesce(person_id, unit_id))`);
    await q.query(`
      CREATE TABLE dossier_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossier(id),
        nominee_id uuid REFERENCES dossier_nominee(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('SUBMISSION_LETTER','ACHIEVEMENT_REPORT',
                                           'GRASSROOTS_COUNCIL_MINUTES','INITIATIVE_RECOGNITION','OTHER')),
        file_id uuid NOT NULL REFERENCES stored_file(id),
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX dossier_attachment_dossier_idx ON dossier_attachment (dossier_id, added_at, id)`,
    );
    await q.query(`
      CREATE TABLE dossier_transition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossier(id),
        from_status text,
        to_status text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        by_username text NOT NULL,
        by_role text NOT NULL,
        reason text,
        nominee_reasons jsonb NOT NULL DEFAULT '[]',
        due_on date
      )`);
    await q.query(
      `CREATE INDEX dossier_transition_dossier_idx ON dossier_transition (dossier_id, at, id)`,
    );

    // Dossier changes share the event log (and its gapless position) with conference events.
    await q.query(`
      ALTER TABLE conference_event
        ADD COLUMN dossier_id uuid REFERENCES dossier(id),
        ADD COLUMN dossier_transition_id uuid REFERENCES dossier_transition(id),
        DROP CONSTRAINT conference_event_type_check,
        ADD CONSTRAINT conference_event_type_check CHECK (type IN (
          'CONFERENCE_STARTED','AWARD_ANNOUNCED','CAMPAIGN_LAUNCHED','CAMPAIGN_REGISTERED',
          'DELEGATION_APPROVED','CONFERENCE_ENDED','DOSSIER_UPDATED','DOSSIER_OVERDUE'))`);
    await q.query(
      `CREATE INDEX conference_event_dossier_idx ON conference_event (dossier_id, position)
        WHERE dossier_id IS NOT NULL`,
    );
    // The mutation audit log names the rows these tables gain (see AuditLog1764510100000).
    for (const table of ['stored_file', 'dossier', 'dossier_nominee', 'dossier_attachment']) {
      await q.query(`CREATE TRIGGER audit_capture AFTER INSERT ON ${table}
                       FOR EACH ROW EXECUTE FUNCTION audit_capture()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM conference_event WHERE dossier_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE conference_event
        DROP COLUMN dossier_id,
        DROP COLUMN dossier_transition_id,
        DROP CONSTRAINT conference_event_type_check,
        ADD CONSTRAINT conference_event_type_check CHECK (type IN (
          'CONFERENCE_STARTED','AWARD_ANNOUNCED','CAMPAIGN_LAUNCHED','CAMPAIGN_REGISTERED',
          'DELEGATION_APPROVED','CONFERENCE_ENDED'))`);
    await q.query(
      `DROP TABLE dossier_transition, dossier_attachment, dossier_nominee, dossier, processing_time, calendar_day, stored_file`,
    );
    await q.query(`ALTER TABLE person DROP COLUMN report_category`);
  }
}
