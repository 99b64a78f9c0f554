import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * scripts/launch.mjs in a project of its own: a stand-in compiler records
 * each build (and sleeps, so that overlapping builds would show), and the
 * entry point records each run.
 */
const launcher = path.resolve(__dirname, '..', '..', 'scripts', 'launch.mjs');

function project(withCompiler = true): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-launch-'));
  mkdirSync(path.join(dir, 'scripts'));
  copyFileSync(launcher, path.join(dir, 'scripts', 'launch.mjs'));
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src', 'main.ts'), 'export {};\n');
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "launch-test", "private": true }\n');
  writeFileSync(path.join(dir, 'tsconfig.build.json'), '{}\n');
  if (withCompiler) {
    mkdirSync(path.join(dir, 'node_modules', 'typescript', 'bin'), { recursive: true });
    writeFileSync(
      path.join(dir, 'node_modules', 'typescript', 'package.json'),
      '{ "name": "typescript" }\n',
    );
    // Logs "start"/"end" around a 700 ms build that emits dist/src/main.js.
    writeFileSync(
      path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'),
      `const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..', '..');
const log = path.join(root, 'builds.log');
fs.appendFileSync(log, 'start ' + process.argv.slice(2).filter((a) => a.startsWith('--')).join(' ') + '\\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
fs.mkdirSync(path.join(root, 'dist', 'src'), { recursive: true });
fs.writeFileSync(path.join(root, 'dist', 'src', 'main.js'),
  "require('node:fs').appendFileSync(require('node:path').join(__dirname, '..', '..', 'runs.log'), process.argv.slice(2).join(' ') + '\\\\n');\\n");
fs.appendFileSync(log, 'end\\n');
`,
    );
  }
  return dir;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function launch(dir: string, ...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dir, 'scripts', 'launch.mjs'), ...args], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

describe('scripts/launch.mjs', () => {
  it('builds once for programs started together, then runs each of them', async () => {
    const dir = project();
    dirs.push(dir);
    const results = await Promise.all([
      launch(dir, 'src/main', 'server'),
      launch(dir, 'src/main', 'demo'),
      launch(dir, 'src/main', 'watcher'),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    // One build, not three at once into the same dist/.
    expect(read(path.join(dir, 'builds.log'))).toBe('start --noCheck\nend\n');
    expect(read(path.join(dir, 'runs.log')).split('\n').filter(Boolean).sort()).toEqual([
      'demo',
      'server',
      'watcher',
    ]);
  }, 60_000);

  it('rebuilds only when a source changed, and `--build` always, with the type check', async () => {
    const dir = project();
    dirs.push(dir);
    expect((await launch(dir, '--build-if-stale')).code).toBe(0);
    expect((await launch(dir, 'src/main', 'again')).code).toBe(0);
    expect(read(path.join(dir, 'builds.log'))).toBe('start --noCheck\nend\n');

    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(dir, 'src', 'main.ts'), later, later);
    const rebuilt = await launch(dir, 'src/main', 'after-change');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toMatch(/building dist\/ \(missing, or older than the sources\)/);
    expect(read(path.join(dir, 'builds.log'))).toBe('start --noCheck\nend\nstart --noCheck\nend\n');
    expect((await launch(dir, '--build')).code).toBe(0);
    expect(read(path.join(dir, 'builds.log')).split('\n').filter(Boolean).slice(-2)).toEqual([
      'start ',
      'end',
    ]);
    expect(read(path.join(dir, 'runs.log'))).toBe('again\nafter-change\n');
  }, 60_000);

  it('without TypeScript: install passes with a note, a start without dist/ says what to do', async () => {
    const dir = project(false);
    dirs.push(dir);
    const install = await launch(dir, '--build-if-stale');
    expect(install).toEqual({
      code: 0,
      stderr:
        'TypeScript is not installed; dist/ is not built (run npm install, then npm run build).\n',
    });
    const start = await launch(dir, 'src/main');
    expect(start).toEqual({
      code: 1,
      stderr:
        'dist/src/main.js is missing and TypeScript is not installed: run npm install (with dev dependencies), then npm run build.\n',
    });
  }, 30_000);
});
