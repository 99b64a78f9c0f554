// Builds dist/ when it is missing or older than the sources, then runs one of its entry points
// in this very process, so that signals sent to it (by npm, systemd, a process manager) reach the
// program itself.
//
//   node scripts/launch.mjs src/main [args...]    build if stale, then run dist/src/main.js
//   node scripts/launch.mjs --build-if-stale      build if stale (npm's `prepare`, on install)
//   node scripts/launch.mjs --build               build with the full type check (`npm run build`)
//
// Plain JavaScript on purpose: it must run before anything is compiled. Builds are serialised with
// a lock in dist/, so `npm start`, the demo and the watcher started together never write into
// dist/ at the same time. A fingerprint of the sources (paths, sizes, modification times) kept in
// dist/.build-stamp tells whether the build is current.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp');
const lockFile = path.join(dist, '.build-lock');
/** The TypeScript projects a build compiles, in order. */
const PROJECTS = ['tsconfig.build.json', 'tsconfig.web.json'];
/** Folders whose TypeScript sources the build compiles, and the files that change its output. */
const SOURCE_DIRS = ['src', 'scripts', 'bench'];
const SOURCE_FILES = ['ormconfig.ts', 'tsconfig.json', ...PROJECTS, 'package-lock.json'];
/** A lock older than this is from a build that died; it is taken over. */
const STALE_LOCK_MS = 10 * 60_000;

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** A digest of every input's path, size and modification time: it changes when any input does. */
function fingerprint() {
  const hash = createHash('sha256');
  const add = (file) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat) hash.update(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(file);
      } else if (/\.(ts|tsx|mts|cts|json)$/.test(entry.name)) add(file);
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  for (const file of SOURCE_FILES) add(path.join(root, file));
  return hash.digest('hex');
}

function isCurrent(print) {
  try {
    return readFileSync(stampFile, 'utf8') === print;
  } catch {
    return false;
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Takes the build lock, waiting while another live build holds it. */
async function lock() {
  mkdirSync(dist, { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder;
    let age;
    try {
      holder = Number(readFileSync(lockFile, 'utf8'));
      age = Date.now() - statSync(lockFile).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if ((holder && !processAlive(holder)) || age > STALE_LOCK_MS) {
      // Moved aside rather than deleted, so that of two waiters only one takes it over.
      try {
        renameSync(lockFile, `${lockFile}.stale-${process.pid}`);
        unlinkSync(`${lockFile}.stale-${process.pid}`);
      } catch {
        // another waiter took it over first
      }
      continue;
    }
    if (waited === 0) process.stderr.write(`waiting for another build (pid ${holder})...\n`);
    await sleep(100);
  }
}

function unlock() {
  try {
    unlinkSync(lockFile);
  } catch {
    // already gone
  }
}

/** The TypeScript compiler, or null when it is not installed (a production install). */
function typescript() {
  try {
    return createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

/**
 * Compiles into dist/ unless it is current (or always, with `force`). `typeCheck` runs the full
 * check; otherwise only emits (`--noCheck`, several times faster: the types are checked by
 * `npm run check:types` and in CI). Returns false when TypeScript is missing.
 */
async function build({ force, typeCheck }) {
  if (!force && isCurrent(fingerprint())) return true;
  const tsc = typescript();
  if (!tsc) return false;
  await lock();
  try {
    // Inputs are read again under the lock: another process may have built meanwhile.
    const print = fingerprint();
    if (!force && isCurrent(print)) return true;
    const started = Date.now();
    if (!force) process.stderr.write('building dist/ (missing, or older than the sources)...\n');
    for (const project of PROJECTS.filter((name) => existsSync(path.join(root, name)))) {
      const args = [tsc, '-p', path.join(root, project), ...(typeCheck ? [] : ['--noCheck'])];
      const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
      if (result.status !== 0) fail(`Build failed (tsc -p ${project}); see the errors above.`);
    }
    writeFileSync(stampFile, print);
    if (!force) process.stderr.write(`built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return true;
  } finally {
    unlock();
  }
}

/**
 * Under `npm run`, stops the program when npm goes away without passing on a signal (killed with
 * SIGKILL, or a shell between them that does not forward): the program would otherwise keep
 * serving, orphaned, after whatever supervises npm believes it stopped.
 */
function stopWithParent() {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 1000);
  timer.unref();
}

const [first, ...rest] = process.argv.slice(2);
if (!first)
  fail(
    'usage: node scripts/launch.mjs <entry, e.g. src/main> [args...] | --build | --build-if-stale',
  );

if (first === '--build') {
  if (!(await build({ force: true, typeCheck: true })))
    fail('TypeScript is not installed: run npm install first.');
} else if (first === '--build-if-stale') {
  // On install: a production install without TypeScript builds nothing, and says so.
  if (!(await build({ force: false, typeCheck: false }))) {
    process.stderr.write(
      'TypeScript is not installed; dist/ is not built (run npm install, then npm run build).\n',
    );
  }
} else {
  const entry = path.join(dist, `${first.replace(/\.(ts|js)$/, '')}.js`);
  const built = await build({ force: false, typeCheck: false });
  if (!existsSync(entry)) {
    fail(
      built
        ? `No such entry point: ${path.relative(root, entry)}`
        : `${path.relative(root, entry)} is missing and TypeScript is not installed: run npm install (with dev dependencies), then npm run build.`,
    );
  }
  if (!built) {
    process.stderr.write(
      'warning: dist/ may be older than the sources, and TypeScript is not installed to rebuild it.\n',
    );
  }
  // Node 22.1+ keeps compiled code between runs: later starts load the modules faster.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  stopWithParent();
  process.argv = [process.argv[0], entry, ...rest];
  await import(pathToFileURL(entry).href);
}
