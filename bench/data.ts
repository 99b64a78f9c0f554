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
 * Steps, one per table, in bench/generate/: award_type (only read: the
 * catalogue is the one the AwardCatalogue migration seeds), unit, conference,
 * campaign with its pledges, person, achievement with award (an award cites
 * its achievement), award_achievement, model_replication. They draw from one
 * seeded generator in that order, so a seed always gives the same dataset.
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
import { Client } from 'pg';
import {
  isEntryPoint,
  migrate,
  openBenchDatabase,
  parseArgs,
  rng,
  scaleOf,
  SCALES,
  type ScaleName,
  type ScaleSpec,
} from './common';
import { writeAchievementsAndAwards } from './generate/awards';
import {
  checkForeignKeys,
  connect,
  dropSecondaryIndexes,
  rebuildIndexes,
  skipForeignKeyTriggers,
  type DroppedIndex,
} from './generate/bulk';
import { writeCampaigns } from './generate/campaigns';
import { readCatalogue } from './generate/catalogue';
import { writeConferences } from './generate/conferences';
import { writeAwardAchievements } from './generate/links';
import { Dice, type Generation } from './generate/model';
import { writePeople } from './generate/people';
import { writeModelReplications } from './generate/replications';
import { writeUnits } from './generate/units';

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

/** Tables counted in the summary. */
// prettier-ignore
const COUNTED = ['unit', 'person', 'campaign', 'campaign_registration', 'achievement', 'award', 'award_achievement', 'model_replication'];

/**
 * Generates the dataset of `spec` into the database at `url` (already
 * migrated), one step per table. Returns what it wrote.
 */
export async function generateDataset(
  url: string,
  spec: ScaleSpec,
  options: GenerateOptions = {},
): Promise<DatasetSummary> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const started = Date.now();
  let skipTriggers = false;
  const main = await connect(url, false);
  const clients: Client[] = [];
  const lastYear = new Date().getFullYear() - 1;
  const gen: Generation = {
    spec,
    dice: new Dice(rng(options.seed ?? 20251130)),
    firstYear: lastYear - 9,
    lastYear,
    today: new Date().toISOString().slice(0, 10),
    main,
    another: async () => {
      const client = await connect(url, skipTriggers);
      clients.push(client);
      return client;
    },
    progress: options.progress ?? false,
    log,
  };
  try {
    const existing = await reuseOrEmpty(main, spec, options.force ?? false, log);
    if (existing) return existing;
    const typeId = await readCatalogue(main);
    const dropped = await dropSecondaryIndexes(main, options.keepIndexes ?? false);
    if (!options.keepIndexes) log(`dropped ${dropped.length} secondary indexes for the load`);
    if (!options.rowFkChecks) skipTriggers = await skipForeignKeyTriggers(main);

    const { units, department } = await writeUnits(gen);
    const conferenceOfYear = await writeConferences(gen, units[0]!);
    const campaignsOfYear = await writeCampaigns(gen, units);
    const people = await writePeople(gen, units);
    const recognitions = await writeAchievementsAndAwards(gen, {
      units,
      people,
      typeId,
      conferenceOfYear,
      campaignsOfYear,
    });
    await writeAwardAchievements(gen, recognitions);
    await writeModelReplications(gen, units, recognitions);

    await finishLoad(gen, dropped, skipTriggers);
    const summary: DatasetSummary = {
      scale: spec.name,
      firstYear: gen.firstYear,
      lastYear,
      counts: await countRows(main),
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

/**
 * The summary of this scale's dataset when the database already holds it
 * (and `force` is off); else empties the database for a new one (`force`),
 * or refuses to touch data it did not write.
 */
async function reuseOrEmpty(
  client: Client,
  spec: ScaleSpec,
  force: boolean,
  log: (message: string) => void,
): Promise<DatasetSummary | null> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS bench_dataset (
      id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      scale text NOT NULL,
      summary jsonb NOT NULL,
      generated_at timestamptz NOT NULL DEFAULT now()
    )`);
  const [existing] = (await client.query(`SELECT scale, summary FROM bench_dataset`)).rows;
  const [{ n: unitCount }] = (await client.query(`SELECT count(*)::int AS n FROM unit`)).rows;
  if (unitCount === 0 && !existing) return null;
  if (!force) {
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
  await client.query(`TRUNCATE ${TABLES.join(', ')}, bench_dataset CASCADE`);
  return null;
}

/** Rebuilds the dropped indexes, checks the foreign keys the load skipped, vacuums and analyzes. */
async function finishLoad(gen: Generation, dropped: DroppedIndex[], skipTriggers: boolean) {
  if (dropped.length) {
    const indexStarted = Date.now();
    await rebuildIndexes([gen.main, await gen.another()], dropped);
    gen.log(`rebuilt ${dropped.length} indexes in ${Date.now() - indexStarted} ms`);
  }
  if (skipTriggers) {
    await gen.main.query(`SET session_replication_role = DEFAULT`);
    const checkStarted = Date.now();
    const checked = await checkForeignKeys(gen.main);
    gen.log(`checked ${checked} foreign keys in ${Date.now() - checkStarted} ms`);
  }
  // VACUUM as well: it sets the visibility map, without which no index-only scan skips the heap.
  await gen.main.query(`VACUUM (ANALYZE)`);
}

async function countRows(client: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    counts[table] = (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  }
  return counts;
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

if (isEntryPoint(module)) {
  main().catch((error) => {
    process.stderr.write(`bench:data failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}

export { SCALES };
