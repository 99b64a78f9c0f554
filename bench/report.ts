/** The results table: its rows, how a load result becomes one, and the Markdown it is written as. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { machineInfo } from './common';
import type { DatasetSummary } from './data';
import type { HttpLoadResult } from './load/http';

/** One line of the results table. */
export interface Row {
  name: string;
  load: string;
  rps?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
  errors: string;
  notes?: string;
  target?: string;
  met?: boolean | null;
  /** Subscription events lost or duplicated (fan-out rows); counted, not printed. */
  lost?: number;
}

/** What the table's header says about the run. */
export interface RunInfo {
  quick: boolean;
  seconds: number;
  warmupSeconds: number;
  dataset: DatasetSummary;
  /** Load average at the start, as printed. */
  loadAverage: string[];
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? ''
    : value < 10
      ? value.toFixed(1)
      : value.toFixed(0);

/** The row with `note` before its own notes (its CPU figures). */
export function noted(row: Row, note: string): Row {
  return { ...row, notes: [note, row.notes].filter(Boolean).join('; ') };
}

/** A row of an HTTP load: throughput, latencies, errors and CPU per request. */
export function loadRow(name: string, load: string, result: HttpLoadResult): Row {
  const cpu = [
    result.serverCpuMs !== undefined ? `server ${result.serverCpuMs.toFixed(1)} ms` : '',
    result.postgresCpuMs !== undefined ? `PostgreSQL ${result.postgresCpuMs.toFixed(1)} ms` : '',
  ].filter(Boolean);
  return {
    notes: cpu.length ? `CPU per request: ${cpu.join(', ')}` : undefined,
    name,
    load,
    rps: result.rps,
    p50: result.p50,
    p95: result.p95,
    p99: result.p99,
    max: result.max,
    errors: result.errors
      ? `${result.errors} of ${result.requests}: ${result.firstError ?? ''}`.slice(0, 200)
      : '0',
  };
}

/** The run's header, the table, and what was skipped. */
export function renderMarkdown(run: RunInfo, rows: Row[], skipped: string[]): string {
  const { dataset } = run;
  const counts = dataset.counts;
  const lines = [
    `Date: ${new Date().toISOString()}  `,
    `Machine: ${machineInfo()}; load average at start ${run.loadAverage.join(' / ')}  `,
    `Dataset: ${dataset.scale} — ${counts.unit} units, ${counts.person} people, ${counts.campaign} campaigns (${counts.campaign_registration} pledges), ${counts.achievement} achievements, ${counts.award} awards over ${dataset.firstYear}-${dataset.lastYear}  `,
    `Run: ${run.quick ? '--quick, ' : ''}${run.seconds} s measured after ${run.warmupSeconds} s warm-up per HTTP row; server, PostgreSQL and load generators on this machine, loopback only`,
    '',
    '| Benchmark | Load | Throughput (req/s) | p50 ms | p95 ms | p99 ms | max ms | Errors / lost | Notes | Target | Met |',
    '|---|---|---:|---:|---:|---:|---:|---|---|---|:-:|',
    ...rows.map(
      (r) =>
        `| ${[
          r.name,
          r.load,
          r.rps === undefined ? '' : r.rps.toFixed(0),
          ms(r.p50),
          ms(r.p95),
          ms(r.p99),
          ms(r.max),
          r.errors,
          r.notes ?? '',
          r.target ?? '',
          r.met === undefined || r.met === null ? '' : r.met ? 'yes' : '**no**',
        ]
          .map((cell) => String(cell).replace(/\|/g, '\\|'))
          .join(' | ')} |`,
    ),
  ];
  if (skipped.length) lines.push('', ...skipped.map((s) => `- skipped: ${s}`));
  return lines.join('\n');
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Writes the table into `file` between the bench markers, keeping what is around them. */
export function writeResults(file: string, markdown: string): void {
  const block = `${BEGIN}\n${markdown}\n${END}`;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start >= 0 && end > start) {
      writeFileSync(file, text.slice(0, start) + block + text.slice(end + END.length));
      return;
    }
  }
  writeFileSync(file, `# Benchmark results\n\nWritten by \`npm run bench\`.\n\n${block}\n`);
}
