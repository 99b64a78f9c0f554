import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseOptions } from '../../bench/options';
import { SCENARIOS } from '../../bench/scenarios';

const names = Object.keys(SCENARIOS);

describe('bench command line', () => {
  it('runs every scenario unless --only names some', () => {
    expect(parseOptions([], names).only).toBeNull();
    expect([...parseOptions(['--only', 'profile, search'], names).only!]).toEqual([
      'profile',
      'search',
    ]);
  });

  it('refuses a scenario it does not know, naming those it does', () => {
    expect(() => parseOptions(['--only=profile,fan-out'], names)).toThrow(
      'unknown scenario fan-out; known: profile, baseline, postgraphile, search, dashboard, writes, fanout, scaleout',
    );
  });

  it('keeps the quick defaults and applies what is given over them', () => {
    const options = parseOptions(
      ['--quick', '--seconds', '3', '--subscribers', '100,300', '--pg-stats', '--no-write'],
      names,
    );
    expect(options).toMatchObject({
      quick: true,
      seconds: 3,
      warmupSeconds: 0.5,
      subscribers: [100, 300],
      pgStats: true,
      out: null,
    });
    expect(options.scale.name).toBe('small');
  });

  it('compares the fan-out of the builds given by --fanout-builds, as absolute paths', () => {
    expect(parseOptions([], names).fanoutBuilds).toBeNull();
    expect(parseOptions(['--fanout-builds', '/tmp/before/dist,dist'], names).fanoutBuilds).toEqual([
      '/tmp/before/dist',
      path.resolve('dist'),
    ]);
  });

  it('chooses the fan-out subscribers’ client (--ws-client) and pinning (--pin)', () => {
    expect(parseOptions([], names)).toMatchObject({ wsClient: 'lean', pin: false });
    expect(parseOptions(['--ws-client', 'graphql-ws', '--pin'], names)).toMatchObject({
      wsClient: 'graphql-ws',
      pin: true,
    });
    expect(() => parseOptions(['--ws-client', 'browser'], names)).toThrow(/unknown --ws-client/);
  });

  it('compares the dashboard with the small dataset only when measuring a larger one', () => {
    expect(parseOptions([], names).compareSmall).toBe(true);
    expect(parseOptions(['--scale', 'small'], names).compareSmall).toBe(false);
    expect(() => parseOptions(['--scale', 'county'], names)).toThrow(/--scale must be one of/);
  });
});

describe('bench scenarios', () => {
  it('registers every file of bench/scenarios under its own name', () => {
    const dir = path.join(__dirname, '..', '..', 'bench', 'scenarios');
    const files = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''));
    expect([...names].sort()).toEqual(files.sort());
    for (const file of files) {
      const module = jest.requireActual<Record<string, unknown>>(path.join(dir, file));
      expect(module[file]).toBe(SCENARIOS[file as keyof typeof SCENARIOS]);
    }
  });
});
