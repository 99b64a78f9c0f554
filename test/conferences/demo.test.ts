import { spawn } from 'node:child_process';
import path from 'node:path';
import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor } from '../helpers/graphql';

const root = path.resolve(__dirname, '..', '..');

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
}, 60_000);

afterAll(async () => {
  await app?.stop();
});

/** Runs one of scripts/*.ts as `npm run ...` would (from sources), against the test server. */
function runScript(
  name: string,
  args: string[] = [],
): { output: () => string; exited: Promise<number | null>; started: Promise<void> } {
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(root, 'test', 'realtime', 'fixtures', 'register-ts.js'),
      path.join(root, 'scripts', `${name}.ts`),
      ...args,
    ],
    {
      cwd: root,
      env: { ...process.env, GRAPHQL_URL: app.url, DEMO_PAUSE_MS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
    if (output.includes('─')) markStarted();
  });
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      markStarted();
      resolve(code);
    }),
  );
  return { output: () => output, exited, started };
}

describe('the seeded conference and its two-terminal demo', () => {
  it('seeds a SCHEDULED conference hosted by LS-TGDV with a DRAFT delegation to the provincial congress', async () => {
    const viewer = clientFor(app.url, app.tokenFor({ role: Role.VIEWER }));
    const { conferences } = await viewer.data(`{ conferences { edges { node {
      title status venue hostUnit { code }
      delegations { congress status members { fullName } }
    } } } }`);
    expect(conferences.edges).toHaveLength(1);
    expect(conferences.edges[0].node).toEqual({
      title: 'Hội nghị biểu dương điển hình tiên tiến giai đoạn 2020-2025',
      status: 'SCHEDULED',
      venue: 'Hội trường Tỉnh ủy Lạng Sơn',
      hostUnit: { code: 'LS-TGDV' },
      delegations: [
        {
          congress: 'Đại hội Thi đua yêu nước tỉnh lần thứ VI',
          status: 'DRAFT',
          members: [
            { fullName: 'Nguyễn Quốc Khánh' },
            { fullName: 'Hoàng Thị Thu Hà' },
            { fullName: 'Bế Văn Thành' },
            { fullName: 'Trần Thị Kim Oanh' },
            { fullName: 'Phạm Minh Tuấn' },
          ],
        },
      ],
    });
  });

  it('plays the conference while the watcher prints every event, and both exit cleanly', async () => {
    const watch = runScript('watch-conference');
    await watch.started;
    const demo = runScript('demo-conference');
    expect(await demo.exited).toBe(0);
    expect(await watch.exited).toBe(0);
    const lines = watch.output().split('\n');
    expect(lines.filter((l) => l.includes('▶'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('★'))).toHaveLength(17);
    expect(
      lines.filter((l) =>
        l.includes('⚑ Phát động Phong trào thi đua yêu nước giai đoạn 2025-2030'),
      ),
    ).toHaveLength(1);
    expect(lines.filter((l) => l.includes('✎'))).toHaveLength(5);
    expect(lines.filter((l) => l.includes('✔ Thông qua đoàn đại biểu'))).toHaveLength(1);
    expect(lines.at(-2)).toContain('■');
    const { awards } = await clientFor(app.url, app.tokenFor({ role: Role.VIEWER })).data(
      `{ awards(filter: { status: ANNOUNCED }) { totalCount } }`,
    );
    expect(awards.totalCount).toBe(17);
    // Played once: a second run says so and changes nothing.
    const again = runScript('demo-conference');
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain('already been played');
  }, 60_000);
});
