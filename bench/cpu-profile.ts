/**
 * Summarises a V8 CPU profile (node --cpu-prof): the functions with the most
 * self time, and the packages/files that time falls in.
 *
 *   node dist/bench/cpu-profile.js <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export function summariseProfile(file: string, top = 30): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfTime) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const url = frame.url.replace(/^file:\/\//, '');
    const where = url.includes('node_modules/')
      ? url
          .split('node_modules/')
          .pop()!
          .split('/')
          .slice(0, url.includes('/@') ? 2 : 1)
          .join('/')
      : url.includes('/dist/')
        ? url.split('/dist/').pop()!
        : url || frame.functionName;
    const key = `${frame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    places.set(where, (places.get(where) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
  const lines = [
    `busy ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`,
    '',
    'by package / file:',
    ...[...places]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([k, v]) => `${pct(v)}  ${k}`),
    '',
    'by function (self time):',
    ...[...functions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${pct(v)}  ${k}`),
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/cpu-profile.js <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${summariseProfile(file, Number(top ?? 30))}\n`);
}
