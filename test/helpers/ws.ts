import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Everything a test opened, closed by disposeAllWs() in afterAll. */
const leftovers = new Set<{ close(): Promise<void> | void }>();

/** A graphql-ws client over a real socket; closes seen are recorded in `closes`. */
export interface WsClient {
  client: Client;
  closes: { code: number; reason: string }[];
  /** Closes the socket and forgets it. */
  close(): Promise<void>;
}

/**
 * A graphql-ws client (the `ws` implementation) that sends `token` as
 * connectionParams.authorization and never retries on its own. Messages come
 * in `language` (English unless a test asks otherwise).
 */
export function wsClient(wsUrl: string, token?: string, language = 'en'): WsClient {
  const closes: { code: number; reason: string }[] = [];
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: token, language } : { language },
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closes.push({ code, reason: String(reason) });
      },
    },
  });
  const handle: WsClient = {
    client,
    closes,
    async close() {
      leftovers.delete(handle);
      await client.dispose();
    },
  };
  leftovers.add(handle);
  return handle;
}

/** A subscription's results as they arrive. */
export interface Feed<T = any> {
  results: { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }[];
  /** The `data[field]` of each result without errors. */
  items: any[];
  errors: unknown[];
  /** Resolves when the server completes the subscription (or it errors). */
  ended: Promise<void>;
  /** The `extensions.code` of the first error, sent as an error message or in a result. */
  errorCode(): string | undefined;
  /** Waits until `n` items arrived (fails after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<any[]>;
  stop(): void;
}

/** Subscribes and records what arrives; `field` is the root field to collect. */
export function subscribe<T = any>(
  ws: WsClient,
  query: string,
  variables: Record<string, unknown> = {},
  field?: string,
): Feed<T> {
  const results: Feed<T>['results'] = [];
  const items: any[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  let resolveEnded!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  const notify = () => waiters.forEach((w) => w());
  const stop = ws.client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        results.push(result as Feed<T>['results'][number]);
        if (!result.errors && result.data) {
          const data = result.data as Record<string, unknown>;
          items.push(field ? data[field] : data);
        }
        notify();
      },
      error: (error) => {
        errors.push(error);
        resolveEnded();
        notify();
      },
      complete: () => {
        resolveEnded();
        notify();
      },
    },
  );
  return {
    results,
    items,
    errors,
    ended,
    stop,
    errorCode() {
      const sent = errors[0] as { extensions?: { code?: string } }[] | undefined;
      if (Array.isArray(sent)) return sent[0]?.extensions?.code;
      return results.find((r) => r.errors?.length)?.errors?.[0]?.extensions?.code;
    },
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (items.length >= n) {
            cleanup();
            resolve(items.slice());
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `waited ${timeoutMs} ms for ${n} items, got ${items.length}: ${JSON.stringify({ errors, results: results.slice(-3) })}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** A raw graphql-transport-ws socket, for close codes and for a peer that stops reading. */
export interface RawSocket {
  socket: WebSocket;
  messages: any[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** Waits for a message matching `predicate`. */
  next(predicate: (message: any) => boolean, timeoutMs?: number): Promise<any>;
}

/** Opens a socket speaking graphql-transport-ws and sends connection_init with `payload`. */
export async function rawSocket(
  wsUrl: string,
  payload?: Record<string, unknown>,
): Promise<RawSocket> {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const messages: any[] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    listeners.forEach((l) => l());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  // A socket the server refuses still closes; errors are seen through `closed`.
  socket.on('error', () => undefined);
  const handle: RawSocket = {
    socket,
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    next(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) {
            cleanup();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching message in ${JSON.stringify(messages.slice(-3))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
  const leftover = {
    close: async () => {
      if (socket.readyState !== WebSocket.CLOSED) {
        socket.terminate();
        await closed;
      }
    },
  };
  leftovers.add(leftover);
  void closed.then(() => leftovers.delete(leftover));
  await new Promise<void>((resolve) => {
    socket.once('open', () => resolve());
    socket.once('close', () => resolve());
  });
  if (socket.readyState === WebSocket.OPEN && payload !== undefined) {
    handle.send({ type: 'connection_init', payload });
  }
  return handle;
}

/** Closes every client and socket the tests opened. */
export async function disposeAllWs(): Promise<void> {
  await Promise.all([...leftovers].map((item) => item.close()));
  leftovers.clear();
}
