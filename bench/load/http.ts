/**
 * The HTTP load generator, run as a child process of bench/run.ts so that it
 * never shares a process (or an event loop) with the server it measures.
 *
 * `duration` mode drives autocannon with `connections` keep-alive connections
 * for a fixed time, cycling through the given request bodies; every response
 * time is recorded (autocannon's own histogram has no p95). `once` mode sends
 * each body exactly once over `connections` concurrent keep-alive
 * connections and returns every response body (for writes, whose results the
 * runner needs). A GraphQL response with `errors` counts as an error.
 *
 * Messages in: { type: 'run', spec: HttpLoadSpec } (one at a time), { type: 'stop' }.
 * Messages out: { type: 'result', result } or { type: 'error', error }.
 */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

export interface HttpLoadSpec {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  mode: 'duration' | 'once';
  /** Seconds of measured load (duration mode). */
  seconds?: number;
  /** Seconds of unmeasured load first (duration mode). */
  warmupSeconds?: number;
}

export interface HttpLoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** The first error seen, for the report. */
  firstError?: string;
  /** Response bodies in the order of `bodies` (once mode). */
  responses?: string[];
  /** CPU milliseconds per request of the server process and of PostgreSQL, when known. */
  serverCpuMs?: number;
  postgresCpuMs?: number;
}

/** The q-quantile (0..1) of sorted values, nearest-rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/** Latency summary of raw samples (ms). */
export function summarise(samples: number[]): {
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  const sorted = Float64Array.from(samples).sort();
  return {
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

function isError(status: number, body: string): boolean {
  return status < 200 || status >= 300 || body.includes('"errors"');
}

async function runDuration(spec: HttpLoadSpec, seconds: number, measure: boolean) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        connections: spec.connections,
        duration: seconds,
        requests: [
          {
            setupRequest: (req: any) => ({
              ...req,
              body: spec.bodies[next++ % spec.bodies.length],
            }),
            onResponse: (status: number, body: string) => {
              if (measure && isError(status, body)) {
                errors++;
                firstError ??= `${status} ${body.slice(0, 300)}`;
              }
            },
          },
        ],
      } as autocannon.Options,
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      if (measure) latencies.push(ms);
    });
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  errors += result.errors + result.timeouts;
  return { latencies, errors, firstError, elapsed };
}

async function runOnce(spec: HttpLoadSpec): Promise<HttpLoadResult> {
  const target = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const responses: string[] = new Array(spec.bodies.length);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const send = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...spec.headers,
          },
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (let i = next++; i < spec.bodies.length; i = next++) {
      const t0 = process.hrtime.bigint();
      try {
        const { status, text } = await send(spec.bodies[i]!);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        responses[i] = text;
        if (isError(status, text)) {
          errors++;
          firstError ??= `${status} ${text.slice(0, 300)}`;
        }
      } catch (error) {
        errors++;
        responses[i] = '';
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return {
    requests: spec.bodies.length,
    seconds,
    rps: spec.bodies.length / seconds,
    ...summarise(latencies),
    errors,
    firstError,
    responses,
  };
}

/** Runs one load spec in this process. */
export async function runHttpLoad(spec: HttpLoadSpec): Promise<HttpLoadResult> {
  if (spec.mode === 'once') return runOnce(spec);
  if (spec.warmupSeconds) await runDuration(spec, spec.warmupSeconds, false);
  const { latencies, errors, firstError, elapsed } = await runDuration(
    spec,
    spec.seconds ?? 10,
    true,
  );
  return {
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    ...summarise(latencies),
    errors,
    firstError,
  };
}

if (require.main === module) {
  process.on('message', (message: { type?: string; spec?: HttpLoadSpec }) => {
    if (message?.type === 'stop') process.exit(0);
    if (message?.type !== 'run' || !message.spec) return;
    runHttpLoad(message.spec).then(
      (result) => process.send?.({ type: 'result', result }),
      (error) => process.send?.({ type: 'error', error: String((error as Error).stack ?? error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
