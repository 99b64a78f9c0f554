import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A forked benchmark process with a typed view of its IPC messages. */
export interface Child {
  name: string;
  process: ChildProcess;
  send(message: unknown): void;
  /** The next message of `type` (or an earlier one not yet taken); rejects on exit or after `timeoutMs`. */
  next<T = any>(type: string, timeoutMs: number): Promise<T>;
  /** Calls `listener` for every message of `type`, from now on. */
  on(type: string, listener: (message: any) => void): void;
  /** Asks it to stop, then kills it if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Soft and hard limits on open files of this process (Linux), or null elsewhere. */
export function openFileLimits(): { soft: number; hard: number } | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = line!.split(/\s{2,}/).slice(1, 3);
    const parse = (v: string | undefined) => (v === 'unlimited' ? Infinity : Number(v));
    return { soft: parse(soft), hard: parse(hard) };
  } catch {
    return null;
  }
}

/**
 * Forks `script` (a sibling .js file of this compiled module). When the child
 * needs more open files than our soft limit allows, it is started through
 * `sh -c 'ulimit -n N; exec node ...'` (up to the hard limit); the IPC channel
 * survives the exec.
 */
export function forkChild(
  name: string,
  script: string,
  options: {
    env?: Record<string, string>;
    execArgv?: string[];
    openFiles?: number;
    onOutput?: (line: string) => void;
    /** The node binary to run it with (default: this one's), e.g. a newer Node for a peer server. */
    nodePath?: string;
    /** IPC serialization; 'json' for a child on another Node version ('advanced' is V8's own format). */
    serialization?: 'json' | 'advanced';
  } = {},
): Child {
  // From source (the quick-mode test runs under ts-jest) the children run the
  // .ts files through bench/ts-register.js; compiled, the sibling .js files.
  const fromSource = __filename.endsWith('.ts');
  const modulePath = path.join(__dirname, fromSource ? script.replace(/\.js$/, '.ts') : script);
  const limits = openFileLimits();
  const nodePath = options.nodePath ?? process.execPath;
  let execPath = nodePath;
  let execArgv = [
    ...(fromSource ? ['-r', path.join(__dirname, 'ts-register.js')] : []),
    ...(options.execArgv ?? []),
  ];
  if (options.openFiles && limits && limits.soft < options.openFiles) {
    const wanted = Math.min(options.openFiles, limits.hard);
    execPath = '/bin/sh';
    execArgv = ['-c', `ulimit -n ${wanted}; exec "$0" "$@"`, nodePath, ...execArgv];
  }
  const child = fork(modulePath, [], {
    execPath,
    execArgv,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: options.serialization ?? 'advanced',
  });
  const output =
    options.onOutput ?? ((line: string) => process.stderr.write(`[${name}] ${line}\n`));
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) output(line);
    });
  }
  // A child that exits while we send to it: the exit handler reports it.
  child.on('error', () => undefined);
  const inbox: any[] = [];
  const waiters: { type: string; resolve: (m: any) => void; reject: (e: Error) => void }[] = [];
  const listeners = new Map<string, ((message: any) => void)[]>();
  let exited: string | null = null;
  child.on('message', (message: any) => {
    for (const listener of listeners.get(message?.type) ?? []) listener(message);
    if (message?.type === 'error') {
      const error = new Error(`${name}: ${message.error}`);
      for (const waiter of waiters.splice(0)) waiter.reject(error);
      return;
    }
    const index = waiters.findIndex((w) => w.type === message?.type);
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve(message);
    else if (!listeners.has(message?.type)) inbox.push(message);
  });
  const exitedPromise = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = `${name} exited (${signal ?? code})`;
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(exited));
      resolve();
    }),
  );
  return {
    name,
    process: child,
    send: (message) => {
      if (child.connected) child.send(message as never);
    },
    next: (type, timeoutMs) => {
      const index = inbox.findIndex((m) => m?.type === type);
      if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0]);
      if (exited) return Promise.reject(new Error(exited));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`${name}: no '${type}' message within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          type,
          resolve: (m: any) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.push(waiter);
      });
    },
    on: (type, listener) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    stop: async (graceMs = 10_000) => {
      if (exited) return;
      if (child.connected) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
