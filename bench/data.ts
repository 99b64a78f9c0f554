/**
 * Fills a database with a generated dataset through the application's own
 * tables (migrations first), for the benchmarks.
 *
 *   npm run bench:data -- [--scale small|province|national] [--force]
 *                          [--keep-indexes] [--row-fk-checks]
 *
 * Without DATABASE_URL it uses database `bench_<scale>` of an embedded
 * PostgreSQL in `.data/bench`. A database that already holds this scale's
 * dataset is left alone; `--force` empties it and generates again. A database
 * holding anything else (units without a bench marker) is refused unless
 * `--force` is given.
 *
 * Data follows the rules of DESIGN.md: a title at most once a year per
 * recipient and type, every cited achievement VERIFIED and owned by the
 * recipient, each achievement the basis of at most one live award,
 * CSTD_CO_SO only with LAO_DONG_TIEN_TIEN and a verified initiative the same
 * year, CSTD_CAP_TINH only after three consecutive CSTD_CO_SO years and with a
 * provincial initiative, commendations citing a verified achievement.
 * The unique indexes that enforce the first two (award_one_title_a_year,
 * award_achievement_one_award) are rebuilt after the load, which checks them.
 *
 * Loading: COPY on several connections at once; secondary indexes of the big
 * tables are dropped first and rebuilt after (their definitions are kept in
 * `bench_dropped_index` until then, so an interrupted load rebuilds them next
 * time); as superuser, foreign keys are not checked row by row
 * (session_replication_role = replica) but all at the end, one anti-join per
 * key. The dashboard tallies' triggers are ENABLE ALWAYS and still run, once
 * per COPY statement. Province: ~30 s instead of ~90 s with indexes kept and
 * per-row checks (`--keep-indexes --row-fk-checks`).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  migrate,
  openBenchDatabase,
  parseArgs,
  rng,
  scaleOf,
  SCALES,
  type ScaleName,
  type ScaleSpec,
} from './common';

/** What a generated dataset holds; stored in `bench_dataset` beside it. */
export interface DatasetSummary {
  scale: ScaleName;
  firstYear: number;
  lastYear: number;
  counts: Record<string, number>;
  /** The department whose subtree the dashboard benchmark filters on. */
  departmentId: string;
  seconds: number;
}

export interface GenerateOptions {
  /** Empty the database first even if it holds data. */
  force?: boolean;
  /** Keep secondary indexes during the load (slower; for comparison). */
  keepIndexes?: boolean;
  /** Check foreign keys row by row during the load (slower; for comparison). */
  rowFkChecks?: boolean;
  /** Show a progress bar (when stderr is a terminal). */
  progress?: boolean;
  log?: (message: string) => void;
  /** Seed of the pseudo-random choices. */
  seed?: number;
}

/** Tables the generator fills, children first (the order TRUNCATE needs none of, but humans like). */
const TABLES = [
  'conference_event',
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
  'account',
  'person',
  'unit',
];

/** Tables whose secondary indexes are dropped during the load and rebuilt after it. */
const BULK_TABLES = [
  'person',
  'achievement',
  'award',
  'award_achievement',
  'campaign_registration',
  'model_replication',
];

/** The catalogue of DESIGN.md, inserted only where the awards migration has not seeded it. */
const CATALOGUE = [
  ['LAO_DONG_TIEN_TIEN', 'Lao động tiên tiến', 'Advanced Worker', 'EMULATION_TITLE', ['INDIVIDUAL'], 'GRASSROOTS', 0.3, 0.5, 1],
  ['CSTD_CO_SO', 'Chiến sĩ thi đua cơ sở', 'Grassroots Emulation Fighter', 'EMULATION_TITLE', ['INDIVIDUAL'], 'GRASSROOTS', 1.0, 0.5, 2],
  ['CSTD_CAP_TINH', 'Chiến sĩ thi đua cấp tỉnh', 'Provincial Emulation Fighter', 'EMULATION_TITLE', ['INDIVIDUAL'], 'PROVINCIAL', 3.0, 0.667, 3],
  ['TAP_THE_LDTT', 'Tập thể lao động tiên tiến', 'Advanced Labour Collective', 'EMULATION_TITLE', ['COLLECTIVE'], 'GRASSROOTS', 0.8, 0.5, 4],
  ['TAP_THE_LDXS', 'Tập thể lao động xuất sắc', 'Excellent Labour Collective', 'EMULATION_TITLE', ['COLLECTIVE'], 'PROVINCIAL', 1.5, 0.667, 5],
  ['GIAY_KHEN', 'Giấy khen', 'Certificate of Commendation', 'COMMENDATION', ['INDIVIDUAL', 'COLLECTIVE'], 'GRASSROOTS', 0.3, 0.5, 6],
  ['BANG_KHEN_TINH', 'Bằng khen của Chủ tịch UBND tỉnh', 'Provincial Certificate of Merit', 'COMMENDATION', ['INDIVIDUAL', 'COLLECTIVE'], 'PROVINCIAL', 1.0, 0.667, 7],
] as const; // prettier-ignore

type TypeCode = (typeof CATALOGUE)[number][0];
const TITLE_CODES = new Set<TypeCode>([
  'LAO_DONG_TIEN_TIEN',
  'CSTD_CO_SO',
  'CSTD_CAP_TINH',
  'TAP_THE_LDTT',
  'TAP_THE_LDXS',
]);

// ------------------------------------------------------------------ names

const FAMILY: [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Phan', 4.5],
  ['Vũ', 3.9], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3],
  ['Dương', 1], ['Lý', 0.5], ['Nông', 2], ['Hà', 1], ['Lương', 1], ['Triệu', 1],
  ['Vi', 0.8], ['Hoàng Văn', 0.2], ['Đinh', 0.6], ['Lục', 0.5], ['Mạc', 0.3], ['Chu', 0.5],
]; // prettier-ignore
// prettier-ignore
const MIDDLE_MALE = ['Văn', 'Đức', 'Quốc', 'Minh', 'Hữu', 'Thanh', 'Xuân', 'Công', 'Đình', 'Ngọc', 'Mạnh', 'Trọng', 'Việt'];
// prettier-ignore
const MIDDLE_FEMALE = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Phương', 'Mai', 'Diệu', 'Bích', 'Thùy'];
// prettier-ignore
const GIVEN_MALE = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Đông', 'Giang', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Mạnh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quang', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Đức', 'Hưng', 'Lộc', 'Thịnh', 'Trí'];
// prettier-ignore
const GIVEN_FEMALE = ['Anh', 'Châu', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Uyên', 'Vân', 'Yến', 'Thư', 'Xuân'];
// prettier-ignore
const LEADER_POSITIONS = ['Giám đốc', 'Phó Giám đốc', 'Trưởng phòng', 'Phó Trưởng phòng', 'Chủ tịch', 'Phó Chủ tịch', 'Bí thư', 'Trưởng ban', 'Phó Trưởng ban'];
// prettier-ignore
const STAFF_POSITIONS = ['Chuyên viên', 'Chuyên viên chính', 'Cán sự', 'Nhân viên', 'Kế toán', 'Văn thư', 'Thủ quỹ', 'Cán bộ'];
// prettier-ignore
const PLACES = ['Lạng Sơn', 'Cao Lộc', 'Lộc Bình', 'Đình Lập', 'Chi Lăng', 'Hữu Lũng', 'Bắc Sơn', 'Bình Gia', 'Văn Quan', 'Văn Lãng', 'Tràng Định', 'Đồng Đăng', 'Na Sầm', 'Thất Khê', 'Đồng Mỏ', 'Hoàng Đồng', 'Tân Thanh', 'Mẫu Sơn', 'Kỳ Lừa', 'Tam Thanh', 'Chi Ma', 'Hữu Kiên', 'Yên Trạch', 'Quảng Lạc', 'Xuân Long', 'Hồng Phong', 'Bình Trung', 'Tân Liên', 'Gia Cát', 'Hợp Thành'];
// prettier-ignore
const AGENCIES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Xây dựng', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Khoa học và Công nghệ', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Tư pháp', 'Ban Tuyên giáo và Dân vận', 'Ban Tổ chức', 'Ủy ban Kiểm tra', 'Văn phòng'];
// prettier-ignore
const DIVISIONS = ['Phòng Tổ chức cán bộ', 'Phòng Kế hoạch - Tài chính', 'Phòng Tuyên truyền', 'Phòng Dân vận', 'Phòng Hành chính - Tổng hợp', 'Phòng Thi đua - Khen thưởng', 'Phòng Nghiệp vụ', 'Phòng Thanh tra', 'Trung tâm Dịch vụ', 'Phòng Văn hóa - Thông tin'];
// prettier-ignore
const GROUPS = ['Tổ công tác', 'Hội Phụ nữ', 'Đoàn Thanh niên', 'Hội Cựu chiến binh', 'Hội Nông dân', 'Công đoàn', 'Chi bộ', 'Tổ dân vận', 'Hợp tác xã'];
// prettier-ignore
const TOPICS = ['cải cách thủ tục hành chính', 'chuyển đổi số trong quản lý hồ sơ', 'nâng cao chất lượng tuyên truyền', 'tiết kiệm chi phí văn phòng', 'ứng dụng phần mềm theo dõi văn bản', 'dân vận khéo ở cơ sở', 'xây dựng nông thôn mới', 'giảm nghèo bền vững', 'bảo vệ môi trường', 'an toàn giao thông', 'phòng chống thiên tai', 'phát triển du lịch cộng đồng'];
// prettier-ignore
const CAMPAIGN_NAMES = ['Dân vận khéo', 'Thi đua yêu nước', 'Chung sức xây dựng nông thôn mới', 'Cả nước chung tay vì người nghèo', 'Đổi mới, sáng tạo trong quản lý', 'Cán bộ, công chức thi đua thực hiện văn hóa công sở', 'Thi đua đặc biệt chào mừng Đại hội', 'Chuyển đổi số toàn diện', 'Xanh - Sạch - Đẹp', 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh'];

// ------------------------------------------------------------------ COPY

type Cell = string | number | boolean | null | undefined;

/** Escapes one value for COPY's text format. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows to one table through COPY FROM STDIN, in chunks, honouring back-pressure. */
class CopyWriter {
  rows = 0;
  private lines: string[] = [];

  private constructor(
    private readonly stream: Writable,
    private readonly finished: Promise<unknown>,
  ) {}

  static open(client: Client, table: string, columns: string[]): CopyWriter {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    const finished = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    // Surface a failure when end() awaits it, not as an unhandled rejection.
    finished.catch(() => undefined);
    return new CopyWriter(stream, finished);
  }

  /** Adds a row; resolves at once unless the chunk had to wait for the socket. */
  add(values: Cell[]): Promise<void> | undefined {
    this.rows++;
    this.lines.push(values.map(cell).join('\t'));
    if (this.lines.length >= 4000) return this.flush();
    return undefined;
  }

  private async flush(): Promise<void> {
    if (!this.lines.length) return;
    const ok = this.stream.write(this.lines.join('\n') + '\n');
    this.lines = [];
    if (!ok) await Promise.race([once(this.stream, 'drain'), this.finished]);
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.finished;
  }
}

/**
 * A loading connection. With `skipTriggers` (superuser only) foreign keys are
 * not checked row by row during COPY: `checkForeignKeys` checks them all at
 * the end instead, which is several times faster for a million rows.
 */
async function connect(url: string, skipTriggers: boolean): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'thidua-bench-data' });
  await client.connect();
  await client.query(`SET maintenance_work_mem = '512MB'`);
  if (skipTriggers) await client.query(`SET session_replication_role = replica`);
  return client;
}

/** Counts rows of the bulk tables whose foreign keys point nowhere; throws if any. */
async function checkForeignKeys(client: Client): Promise<number> {
  const keys = (
    await client.query(
      `SELECT c.conname, c.conrelid::regclass::text AS child, a.attname AS column,
              c.confrelid::regclass::text AS parent, pa.attname AS parent_column
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)`,
      [[...BULK_TABLES, 'unit', 'campaign']],
    )
  ).rows as {
    conname: string;
    child: string;
    column: string;
    parent: string;
    parent_column: string;
  }[];
  for (const key of keys) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM ${key.child} c
        WHERE c.${key.column} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE p.${key.parent_column} = c.${key.column})`,
    );
    if (rows[0].n > 0) throw new Error(`${rows[0].n} rows break foreign key ${key.conname}`);
  }
  return keys.length;
}

// ------------------------------------------------------------------ model

interface GenUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentIndex: number;
  path: string;
  depth: number;
}

interface GenPerson {
  id: string;
  unitIndex: number;
}

interface GenCampaign {
  id: string;
  startYear: number;
  endYear: number;
  status: 'DRAFT' | 'LAUNCHED' | 'CLOSED';
}

/** Pseudo-random helpers over one seeded generator. */
class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T>(list: readonly [T, number][]): T {
    const total = list.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of list) {
      r -= w;
      if (r < 0) return value;
    }
    return list[list.length - 1]![0];
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Generates the dataset of `spec` into the database at `url` (already
 * migrated). Returns what it wrote.
 */
export async function generateDataset(
  url: string,
  spec: ScaleSpec,
  options: GenerateOptions = {},
): Promise<DatasetSummary> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const started = Date.now();
  const dice = new Dice(rng(options.seed ?? 20251130));
  let skipTriggers = false;
  const main = await connect(url, false);
  const clients: Client[] = [];
  const another = async () => {
    const client = await connect(url, skipTriggers);
    clients.push(client);
    return client;
  };
  const lastYear = new Date().getFullYear() - 1;
  const firstYear = lastYear - 9;
  const today = new Date().toISOString().slice(0, 10);

  try {
    await main.query(`
      CREATE TABLE IF NOT EXISTS bench_dataset (
        id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        scale text NOT NULL,
        summary jsonb NOT NULL,
        generated_at timestamptz NOT NULL DEFAULT now()
      )`);
    const [existing] = (await main.query(`SELECT scale, summary FROM bench_dataset`)).rows;
    const [{ n: unitCount }] = (await main.query(`SELECT count(*)::int AS n FROM unit`)).rows;
    if (unitCount > 0 || existing) {
      if (!options.force) {
        if (existing?.scale === spec.name) {
          log(`the ${spec.name} dataset is already there (use --force to generate it again)`);
          return existing.summary as DatasetSummary;
        }
        throw new Error(
          existing
            ? `the database holds the ${existing.scale} dataset; use --force to replace it`
            : `the database already holds ${unitCount} units that the generator did not write; use --force to empty it`,
        );
      }
      log('emptying the database');
      await main.query(`TRUNCATE ${TABLES.join(', ')}, bench_dataset CASCADE`);
    }

    // ---------------------------------------------------------- catalogue
    for (const [code, name, nameEn, category, kinds, level, bonus, threshold, order] of CATALOGUE) {
      await main.query(
        `INSERT INTO award_type (code, name, name_en, category, recipient_kinds, level, bonus_multiple, approval_threshold, sort_order, legal_basis)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'Law on Emulation and Commendation 06/2022/QH15')
         ON CONFLICT (code) DO NOTHING`,
        [code, name, nameEn, category, kinds, level, bonus, threshold, order],
      );
    }
    const typeRows = (await main.query(`SELECT id, code FROM award_type`)).rows as {
      id: string;
      code: TypeCode;
    }[];
    const typeId = Object.fromEntries(typeRows.map((r) => [r.code, r.id])) as Record<
      TypeCode,
      string
    >;
    for (const [code] of CATALOGUE) {
      if (!typeId[code]) throw new Error(`award type ${code} is missing from the catalogue`);
    }

    // ---------------------------------------------------------- indexes
    // Indexes dropped by a load that did not finish are remembered here and rebuilt.
    await main.query(
      `CREATE TABLE IF NOT EXISTS bench_dropped_index (name text PRIMARY KEY, definition text NOT NULL)`,
    );
    const droppedIndexes = (
      await main.query(`SELECT name, definition FROM bench_dropped_index ORDER BY name`)
    ).rows as { name: string; definition: string }[];
    if (!options.keepIndexes) {
      const rows = (
        await main.query(
          `SELECT i.indexname AS name, i.indexdef AS definition
             FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
          [BULK_TABLES],
        )
      ).rows as { name: string; definition: string }[];
      for (const row of rows) {
        await main.query(`INSERT INTO bench_dropped_index (name, definition) VALUES ($1, $2)`, [
          row.name,
          row.definition,
        ]);
        await main.query(`DROP INDEX ${row.name}`);
        droppedIndexes.push(row);
      }
      log(`dropped ${droppedIndexes.length} secondary indexes for the load`);
    }
    if (!options.rowFkChecks) {
      const [{ rolsuper }] = (
        await main.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)
      ).rows;
      skipTriggers = Boolean(rolsuper);
      if (skipTriggers) await main.query(`SET session_replication_role = replica`);
    }

    // ---------------------------------------------------------- units
    const units: GenUnit[] = [];
    const levels = spec.unitsPerLevel;
    let levelStart = 0;
    for (let depth = 0; depth < levels.length; depth++) {
      const count = levels[depth]!;
      const parentsStart = depth === 0 ? -1 : levelStart - levels[depth - 1]!;
      const parentsCount = depth === 0 ? 0 : levels[depth - 1]!;
      const start = units.length;
      for (let i = 0; i < count; i++) {
        const parentIndex =
          depth === 0 ? -1 : parentsStart + Math.floor((i * parentsCount) / count);
        const parent = parentIndex >= 0 ? units[parentIndex]! : null;
        const id = randomUUID();
        const n = units.length;
        const place = PLACES[n % PLACES.length]!;
        let kind: string;
        let name: string;
        if (depth === 0) {
          kind = 'PROVINCE';
          name = 'Tỉnh Lạng Sơn';
        } else if (depth === 1) {
          if (i === 0) {
            kind = 'PARTY_COMMITTEE';
            name = 'Tỉnh ủy Lạng Sơn';
          } else if (i % 3 === 0) {
            kind = 'OTHER';
            name = `Ủy ban nhân dân huyện ${place}`;
          } else {
            kind = 'DEPARTMENT';
            name = AGENCIES[i % AGENCIES.length]!;
          }
        } else if (depth === 2) {
          kind = parent!.kind === 'OTHER' ? 'COMMUNE' : 'DEPARTMENT';
          name =
            kind === 'COMMUNE' ? `Ủy ban nhân dân xã ${place}` : AGENCIES[n % AGENCIES.length]!;
        } else if (depth === 3) {
          kind = parent!.kind === 'COMMUNE' ? 'COMMUNE' : 'DIVISION';
          name = kind === 'COMMUNE' ? `Thôn ${place}` : DIVISIONS[n % DIVISIONS.length]!;
        } else {
          kind = dice.pick(['DIVISION', 'ASSOCIATION', 'ENTERPRISE', 'DIVISION']);
          name =
            kind === 'ENTERPRISE' ? `Công ty ${place}` : `${GROUPS[n % GROUPS.length]!} ${place}`;
        }
        units.push({
          id,
          code: `LS-${pad(depth, 1)}${pad(n, 6)}`,
          name: parent ? `${name} ${n}` : name,
          kind,
          parentIndex,
          path: `${parent?.path ?? '/'}${id}/`,
          depth,
        });
      }
      levelStart = start + count;
    }
    const department = units.find((u) => u.depth === 1 && u.kind === 'DEPARTMENT')!;
    {
      const copy = CopyWriter.open(main, 'unit', ['id', 'code', 'name', 'kind', 'parent_id', 'path', 'depth']); // prettier-ignore
      for (const u of units) {
        await copy.add([u.id, u.code, u.name, u.kind, units[u.parentIndex]?.id ?? null, u.path, u.depth]); // prettier-ignore
      }
      await copy.end();
    }
    log(`${units.length} units in ${levels.length} levels`);

    // ---------------------------------------------------------- conferences (one per year, ended)
    const conferenceOfYear = new Map<number, { id: string; at: string }>();
    for (let year = firstYear; year < lastYear; year++) {
      const id = randomUUID();
      const at = `${year + 1}-01-20T02:00:00Z`;
      conferenceOfYear.set(year, { id, at });
      await main.query(
        `INSERT INTO conference (id, title, host_unit_id, venue, starts_at, status, started_at, ended_at)
         VALUES ($1, $2, $3, 'Hội trường Tỉnh ủy', $4, 'ENDED', $4, $4::timestamptz + interval '3 hours')`,
        [id, `Hội nghị tổng kết công tác thi đua, khen thưởng năm ${year}`, units[0]!.id, at],
      );
    }

    // ---------------------------------------------------------- campaigns and pledges
    const campaigns: GenCampaign[] = [];
    const campaignsOfYear = new Map<number, GenCampaign[]>();
    {
      const copy = CopyWriter.open(main, 'campaign', ['id', 'code', 'name', 'theme', 'kind', 'status', 'starts_on', 'ends_on', 'organizer_id', 'launched_at', 'closed_at']); // prettier-ignore
      const pledges = CopyWriter.open(await another(), 'campaign_registration', ['campaign_id', 'unit_id', 'pledge', 'registered_at']); // prettier-ignore
      const organizers = units.filter((u) => u.depth <= 2);
      for (let i = 0; i < spec.campaigns; i++) {
        const regular = i % 10 < 3;
        const startYear = firstYear + Math.floor((i * 11) / spec.campaigns);
        const endYear = regular ? startYear + 4 : startYear + dice.int(0, 2);
        const startsOn = `${startYear}-${pad(regular ? 1 : dice.int(1, 9))}-01`;
        const endsOn = `${endYear}-12-31`;
        const status = startsOn > today ? 'DRAFT' : endsOn < today ? 'CLOSED' : 'LAUNCHED';
        const organizer = dice.chance(0.2) ? units[0]! : dice.pick(organizers);
        const campaign: GenCampaign = { id: randomUUID(), startYear, endYear, status };
        campaigns.push(campaign);
        const title = CAMPAIGN_NAMES[i % CAMPAIGN_NAMES.length]!;
        await copy.add([
          campaign.id,
          `PT-${pad(i + 1, 5)}`,
          `${title} ${startYear}${endYear > startYear ? `-${endYear}` : ''} (${organizer.code})`,
          'Đoàn kết - Trách nhiệm - Sáng tạo - Gần dân',
          regular ? 'REGULAR' : 'THEMATIC',
          status,
          startsOn,
          endsOn,
          organizer.id,
          status === 'DRAFT' ? null : `${startsOn}T01:00:00Z`,
          status === 'CLOSED' ? `${endsOn}T10:00:00Z` : null,
        ]);
        if (status === 'DRAFT') continue;
        for (let y = startYear; y <= Math.min(endYear, lastYear); y++) {
          const list = campaignsOfYear.get(y) ?? [];
          list.push(campaign);
          campaignsOfYear.set(y, list);
        }
        const subtree = units.filter((u) => u.path.startsWith(organizer.path));
        const wanted = Math.min(
          subtree.length,
          Math.round(units.length * 0.05 * (0.5 + dice.next())),
        );
        // A random sample of the organizer's subtree, without repeats.
        for (let k = 0; k < wanted; k++) {
          const j = k + Math.floor(dice.next() * (subtree.length - k));
          [subtree[k], subtree[j]] = [subtree[j]!, subtree[k]!];
          await pledges.add([
            campaign.id,
            subtree[k]!.id,
            `Đăng ký hoàn thành xuất sắc nhiệm vụ, hưởng ứng phong trào "${title}"`,
            `${startsOn}T03:00:00Z`,
          ]);
        }
      }
      await copy.end();
      await pledges.end();
      log(`${campaigns.length} campaigns, ${pledges.rows} pledges`);
    }
    const campaignFor = (year: number): string | null => {
      const list = campaignsOfYear.get(year);
      return list?.length && dice.chance(0.5) ? dice.pick(list).id : null;
    };

    // ---------------------------------------------------------- people
    const people: GenPerson[] = [];
    {
      const headcountWeight = [20, 40, 50, 50, 50];
      const cumulative: number[] = [];
      let total = 0;
      for (const u of units) {
        total += headcountWeight[u.depth] ?? 50;
        cumulative.push(total);
      }
      const unitFor = () => {
        const r = dice.next() * total;
        let lo = 0;
        let hi = cumulative.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cumulative[mid]! > r) hi = mid;
          else lo = mid + 1;
        }
        return lo;
      };
      const copy = CopyWriter.open(main, 'person', ['id', 'full_name', 'gender', 'position', 'category', 'is_leader', 'party_member', 'unit_id']); // prettier-ignore
      for (let i = 0; i < spec.people; i++) {
        const female = dice.chance(0.5);
        const middle = female ? MIDDLE_FEMALE : MIDDLE_MALE;
        const given = female ? GIVEN_FEMALE : GIVEN_MALE;
        const parts = [dice.weighted(FAMILY), dice.pick(middle)];
        if (dice.chance(0.25)) parts.push(dice.pick(middle));
        parts.push(dice.pick(given));
        const leader = dice.chance(0.08);
        const person = { id: randomUUID(), unitIndex: unitFor() };
        people.push(person);
        await copy.add([
          person.id,
          parts.join(' '),
          female ? 'FEMALE' : 'MALE',
          dice.pick(leader ? LEADER_POSITIONS : STAFF_POSITIONS),
          dice.weighted([
            ['CADRE', 15],
            ['CIVIL_SERVANT', 40],
            ['PUBLIC_EMPLOYEE', 30],
            ['WORKER', 15],
          ]),
          leader,
          dice.chance(0.45),
          units[person.unitIndex]!.id,
        ]);
      }
      await copy.end();
      log(`${people.length} people`);
    }

    // ---------------------------------------------------------- achievements and awards
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-'));
    const linksFile = path.join(tmp, 'award_achievement.tsv');
    const links = createWriteStream(linksFile);
    let linkCount = 0;
    const achievementCopy = CopyWriter.open(await another(), 'achievement', ['id', 'title', 'kind', 'initiative_level', 'person_id', 'unit_id', 'holder_unit_id', 'campaign_id', 'achieved_on', 'status', 'advanced_model', 'verified_at']); // prettier-ignore
    const awardCopy = CopyWriter.open(await another(), 'award', ['id', 'type_id', 'is_title', 'person_id', 'unit_id', 'recipient_unit_id', 'year', 'status', 'campaign_id', 'nominated_by_id', 'nominated_at', 'members_total', 'members_present', 'votes_for', 'votes_against', 'votes_abstain', 'decision_number', 'decided_on', 'announced_at', 'conference_id', 'revoked_reason', 'revoked_at']); // prettier-ignore
    const advancedModels: { id: string; holderUnit: number }[] = [];
    let decisionNumber = 0;

    const achievement = (
      holder: { personId: string | null; unitId: string | null; unitIndex: number },
      year: number,
      kind: 'INITIATIVE' | 'RESULT',
      level: 'GRASSROOTS' | 'PROVINCIAL' | null,
      status: 'VERIFIED' | 'PROPOSED' | 'REJECTED',
    ): { id: string; write: Promise<void> | undefined } => {
      const id = randomUUID();
      const on = `${year}-${pad(dice.int(1, 11))}-${pad(dice.int(1, 28))}`;
      const advanced = status === 'VERIFIED' && dice.chance(0.03);
      if (advanced) advancedModels.push({ id, holderUnit: holder.unitIndex });
      const write = achievementCopy.add([
        id,
        kind === 'INITIATIVE'
          ? `Sáng kiến ${dice.pick(TOPICS)} (${year})`
          : `Thành tích xuất sắc: ${dice.pick(TOPICS)} năm ${year}`,
        kind,
        level,
        holder.personId,
        holder.unitId,
        units[holder.unitIndex]!.id,
        campaignFor(year),
        on,
        status,
        advanced,
        status === 'VERIFIED' ? `${on}T09:00:00Z` : null,
      ]);
      return { id, write };
    };

    type AwardStatus = 'NOMINATED' | 'APPROVED' | 'REJECTED' | 'ANNOUNCED' | 'REVOKED';
    /** Status of an award: `needed` ones (another title depends on them) stay APPROVED/ANNOUNCED. */
    const statusFor = (year: number, needed: boolean): AwardStatus => {
      const r = dice.next();
      if (year === lastYear) {
        if (needed) return 'APPROVED';
        return r < 0.25 ? 'NOMINATED' : r < 0.28 ? 'REJECTED' : 'APPROVED';
      }
      if (needed) return r < 0.7 ? 'ANNOUNCED' : 'APPROVED';
      return r < 0.65 ? 'ANNOUNCED' : r < 0.98 ? 'APPROVED' : r < 0.99 ? 'REJECTED' : 'REVOKED';
    };

    const award = async (
      code: TypeCode,
      recipient: { personId: string | null; unitId: string | null; unitIndex: number },
      year: number,
      status: AwardStatus,
      cites: string | null,
    ) => {
      const id = randomUUID();
      const recipientUnit = units[recipient.unitIndex]!;
      const nominatedBy = recipient.personId
        ? recipientUnit
        : (units[recipientUnit.parentIndex] ?? recipientUnit);
      const decided = status !== 'NOMINATED';
      const present = dice.int(9, 11);
      const against = status === 'REJECTED' ? present - 3 : dice.int(0, 1);
      const conference = status === 'ANNOUNCED' ? conferenceOfYear.get(year) : undefined;
      await awardCopy.add([
        id,
        typeId[code],
        TITLE_CODES.has(code),
        recipient.personId,
        recipient.unitId,
        recipientUnit.id,
        year,
        conference ? status : status === 'ANNOUNCED' ? 'APPROVED' : status,
        code === 'GIAY_KHEN' || code === 'BANG_KHEN_TINH' ? campaignFor(year) : null,
        nominatedBy.id,
        `${year}-12-${pad(dice.int(1, 20))}T08:00:00Z`,
        decided ? 11 : null,
        decided ? present : null,
        decided ? present - against : null,
        decided ? against : null,
        decided ? 0 : null,
        decided && status !== 'REJECTED' ? `${++decisionNumber}/QĐ-TĐKT` : null,
        decided ? `${year + 1}-01-${pad(dice.int(5, 15))}` : null,
        conference?.at ?? null,
        conference?.id ?? null,
        status === 'REVOKED' ? 'Phát hiện kê khai thành tích không trung thực' : null,
        status === 'REVOKED' ? `${year + 1}-06-01T08:00:00Z` : null,
      ]);
      if (cites) {
        linkCount++;
        const live = status !== 'REJECTED' && status !== 'REVOKED';
        if (!links.write(`${id}\t${cites}\t${live ? 't' : 'f'}\n`)) await once(links, 'drain');
      }
    };

    // How often an ordinary person is LAO_DONG_TIEN_TIEN, chosen so that the
    // award count lands near the scale's target.
    const tierA = 0.04;
    const tierB = 0.16;
    const others =
      spec.people * (tierA * 23 + tierB * 13) +
      spec.extraPersonAchievements * 0.8 * 0.8 +
      spec.unitAchievements * 0.85 * 0.8 +
      units.length * 10 * (0.15 + 0.85 * 0.45);
    const ordinaryRate = Math.min(
      1,
      Math.max(0, (spec.awards - others) / (spec.people * (1 - tierA - tierB) * 10)),
    );

    const bar = options.progress
      ? new SingleBar(
          { format: ' awards  [{bar}] {percentage}% | {value}/{total} recipients | eta {eta}s' },
          Presets.shades_classic,
        )
      : null;
    const work = spec.people + units.length + spec.extraPersonAchievements + spec.unitAchievements;
    bar?.start(work, 0);
    let done = 0;
    const tick = () => {
      if (++done % 1000 === 0) bar?.update(done);
    };

    for (const person of people) {
      const holder = { personId: person.id, unitId: null, unitIndex: person.unitIndex };
      const r = dice.next();
      const tier = r < tierA ? 'A' : r < tierA + tierB ? 'B' : 'C';
      for (let year = firstYear; year <= lastYear; year++) {
        const yi = year - firstYear;
        if (tier === 'C') {
          if (dice.chance(ordinaryRate)) {
            await award('LAO_DONG_TIEN_TIEN', holder, year, statusFor(year, false), null);
          }
          continue;
        }
        const fighter = tier === 'A' || dice.chance(0.3);
        const provincial = tier === 'A' && yi % 3 === 2;
        await award('LAO_DONG_TIEN_TIEN', holder, year, statusFor(year, fighter), null);
        if (fighter) {
          const initiative = achievement(holder, year, 'INITIATIVE', 'GRASSROOTS', 'VERIFIED');
          await initiative.write;
          // A CSTD_CO_SO that a later CSTD_CAP_TINH builds on must stay in force.
          const needed = tier === 'A' && yi % 3 !== 2 && year + 2 - (yi % 3) <= lastYear;
          await award(
            'CSTD_CO_SO',
            holder,
            year,
            statusFor(year, needed || provincial),
            initiative.id,
          );
        }
        if (provincial) {
          const initiative = achievement(holder, year, 'INITIATIVE', 'PROVINCIAL', 'VERIFIED');
          await initiative.write;
          await award('CSTD_CAP_TINH', holder, year, statusFor(year, false), initiative.id);
        }
      }
      tick();
    }

    for (let i = 0; i < units.length; i++) {
      const holder = { personId: null, unitId: units[i]!.id, unitIndex: i };
      for (let year = firstYear; year <= lastYear; year++) {
        const r = dice.next();
        if (r < 0.15) await award('TAP_THE_LDXS', holder, year, statusFor(year, false), null);
        else if (r < 0.15 + 0.85 * 0.45)
          await award('TAP_THE_LDTT', holder, year, statusFor(year, false), null);
      }
      tick();
    }

    const commend = async (
      holder: { personId: string | null; unitId: string | null; unitIndex: number },
      kind: 'INITIATIVE' | 'RESULT',
    ) => {
      const year = dice.int(firstYear, lastYear);
      const r = dice.next();
      const status = r < 0.8 ? 'VERIFIED' : r < 0.92 ? 'PROPOSED' : 'REJECTED';
      const made = achievement(
        holder,
        year,
        kind,
        kind === 'INITIATIVE' ? 'GRASSROOTS' : null,
        status,
      );
      await made.write;
      // Some verified achievements stay unused: the benchmark nominates on them.
      if (status === 'VERIFIED' && dice.chance(0.8)) {
        const code = dice.chance(0.75) ? 'GIAY_KHEN' : 'BANG_KHEN_TINH';
        await award(code, holder, year, statusFor(year, false), made.id);
      }
      tick();
    };
    for (let i = 0; i < spec.extraPersonAchievements; i++) {
      const person = dice.pick(people);
      await commend(
        { personId: person.id, unitId: null, unitIndex: person.unitIndex },
        dice.chance(0.3) ? 'INITIATIVE' : 'RESULT',
      );
    }
    for (let i = 0; i < spec.unitAchievements; i++) {
      const unitIndex = dice.int(0, units.length - 1);
      await commend({ personId: null, unitId: units[unitIndex]!.id, unitIndex }, 'RESULT');
    }
    bar?.update(work);
    bar?.stop();
    await achievementCopy.end();
    await awardCopy.end();
    links.end();
    await once(links, 'finish');
    log(`${achievementCopy.rows} achievements, ${awardCopy.rows} awards`);

    {
      const stream = main.query(
        copyFrom(`COPY award_achievement (award_id, achievement_id, active) FROM STDIN`),
      );
      await pipeline(createReadStream(linksFile), stream);
      rmSync(tmp, { recursive: true, force: true });
      log(`${linkCount} award_achievement links`);
    }

    {
      const copy = CopyWriter.open(main, 'model_replication', ['achievement_id', 'unit_id', 'replicated_on', 'note']); // prettier-ignore
      for (const model of advancedModels) {
        const used = new Set([model.holderUnit]);
        for (let k = dice.int(0, 2); k > 0; k--) {
          const unitIndex = dice.int(0, units.length - 1);
          if (used.has(unitIndex)) continue;
          used.add(unitIndex);
          await copy.add([
            model.id,
            units[unitIndex]!.id,
            `${lastYear}-06-15`,
            'Nhân rộng mô hình',
          ]);
        }
      }
      await copy.end();
      log(`${advancedModels.length} advanced models, ${copy.rows} replications`);
    }

    if (droppedIndexes.length) {
      const indexStarted = Date.now();
      // Two at a time: this machine has few cores, and each build is CPU-bound.
      const second = await another();
      const queue = [...droppedIndexes];
      const worker = async (client: Client) => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await client.query(next.definition);
        }
      };
      await Promise.all([worker(main), worker(second)]);
      await main.query(`DELETE FROM bench_dropped_index`);
      log(`rebuilt ${droppedIndexes.length} indexes in ${Date.now() - indexStarted} ms`);
    }
    if (skipTriggers) {
      await main.query(`SET session_replication_role = DEFAULT`);
      const checkStarted = Date.now();
      const checked = await checkForeignKeys(main);
      log(`checked ${checked} foreign keys in ${Date.now() - checkStarted} ms`);
    }
    await main.query(`ANALYZE`);

    const counts: Record<string, number> = {};
    // prettier-ignore
    const counted = ['unit', 'person', 'campaign', 'campaign_registration', 'achievement', 'award', 'award_achievement', 'model_replication'];
    for (const table of counted) {
      counts[table] = (await main.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    }
    const summary: DatasetSummary = {
      scale: spec.name,
      firstYear,
      lastYear,
      counts,
      departmentId: department.id,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    await main.query(`INSERT INTO bench_dataset (scale, summary) VALUES ($1, $2)`, [
      spec.name,
      summary,
    ]);
    log(`generated the ${spec.name} dataset in ${summary.seconds} s`);
    return summary;
  } finally {
    for (const client of [main, ...clients]) await client.end().catch(() => undefined);
  }
}

/** Reads the summary of the dataset in a database, or null when there is none. */
export async function readDataset(url: string): Promise<DatasetSummary | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('bench_dataset') AS t`);
    if (!exists.rows[0].t) return null;
    const rows = (await client.query(`SELECT summary FROM bench_dataset`)).rows;
    return (rows[0]?.summary as DatasetSummary | undefined) ?? null;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const spec = scaleOf(args.get('scale'), 'province');
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const database = await openBenchDatabase(spec.name, log);
  try {
    const applied = await migrate(database.url);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    const summary = await generateDataset(database.url, spec, {
      force: args.has('force'),
      keepIndexes: args.has('keep-indexes'),
      rowFkChecks: args.has('row-fk-checks'),
      progress: process.stderr.isTTY,
      log,
    });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`bench:data failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}

export { SCALES };
