import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger';

/** What the access log line of one HTTP request says besides method, path, status and time. */
export interface AccessRecord {
  requestId: string;
  /** The GraphQL operation's name, once known. */
  operation?: string;
  /** The signed-in account, once known. */
  accountId?: string;
}

/**
 * Where a GraphQL context holds its request's record: a symbol-keyed
 * property, which survives Apollo Server's shallow copies of the context.
 */
const ACCESS = Symbol('access record');

/** The access record of a response (made by accessLog). */
export function accessRecord(res: Response): AccessRecord {
  return (res.locals.access as AccessRecord | undefined) ?? { requestId: randomUUID() };
}

/** Ties a GraphQL context to its request's record, so plugins can fill it in. */
export function linkContext(context: object, record: AccessRecord): void {
  (context as Record<symbol, unknown>)[ACCESS] = record;
}

/** The access record of the request a GraphQL context belongs to, if any. */
export function contextRecord(context: object): AccessRecord | undefined {
  return (context as Record<symbol, AccessRecord | undefined>)[ACCESS];
}

/** A request id: the client's `x-request-id` when it sent a sane one, else a new UUID. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * Logs one line per HTTP request when its response is finished (or the
 * client went away): request id, method, path without the query string,
 * status, duration in ms, and for GraphQL the operation name and the
 * account id. Never headers, query strings or bodies, so never a token or
 * a password. Sets `x-request-id` on the response.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const record: AccessRecord = { requestId: requestIdOf(req) };
    res.locals.access = record;
    res.setHeader('x-request-id', record.requestId);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      logger.info(
        {
          requestId: record.requestId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.writableFinished ? res.statusCode : 499,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
          operation: record.operation,
          accountId: record.accountId,
        },
        'http request',
      );
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** What the access log line of one WebSocket connection says. */
interface SocketRecord {
  connectionId: string;
  started: bigint;
  accountId?: string;
  operations: number;
}

/**
 * Logs one line per graphql-ws connection when it closes: connection id
 * (the `x-request-id` it was opened with, or a new id), account id, how many
 * operations it ran, close code and duration. `attach` starts watching a
 * WebSocket server; the other hooks are called as a connection signs in and
 * starts operations.
 */
export function socketAccessLog(logger: Logger) {
  const records = new WeakMap<WebSocket, SocketRecord>();
  const opened = (socket: WebSocket, request: IncomingMessage) => {
    const record: SocketRecord = {
      connectionId: requestIdOf(request),
      started: process.hrtime.bigint(),
      operations: 0,
    };
    records.set(socket, record);
    socket.once('close', (code: number) => {
      logger.info(
        {
          connectionId: record.connectionId,
          path: (request.url ?? '').split('?')[0],
          accountId: record.accountId,
          operations: record.operations,
          code,
          ms: Math.round(Number(process.hrtime.bigint() - record.started) / 1e4) / 100,
        },
        'websocket connection',
      );
    });
  };
  return {
    attach(server: WebSocketServer): void {
      server.on('connection', opened);
    },
    authenticated(socket: WebSocket, accountId: string): void {
      const record = records.get(socket);
      if (record) record.accountId = accountId;
    },
    operation(socket: WebSocket): void {
      const record = records.get(socket);
      if (record) record.operations += 1;
    },
  };
}
