import type { Server } from 'node:http';
import { GraphQLError, parse, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '../auth/actor';
import type { Services } from '../common/services';
import { createContext } from '../context';
import { formatClientError, isClientError } from '../format-error';
import { checkLimits } from '../limits';
import type { Logger } from '../logger';
import { operationKey, subscribeShared } from './shared-execution';

/** The WebSocket side of a running server. */
export interface WebSocketHandle {
  server: WebSocketServer;
  /**
   * Stops taking sockets (new upgrades get 503), closes the open ones with
   * 1001 (going away) and waits briefly for them to close.
   */
  close(): Promise<void>;
}

/** How often graphql-ws pings each socket; a peer that does not answer is dropped. */
const KEEP_ALIVE_MS = 12_000;

/**
 * Close codes this server uses besides graphql-ws's own (4403 for a missing
 * or bad token, 4400 for a malformed message...). Both are retryable.
 */
export const CloseCodes = {
  /** The server is shutting down: reconnect (to another process) and resume from your last cursor. */
  GOING_AWAY: 1001,
  /** You fell too far behind: reconnect and resume from your last cursor. */
  TRY_AGAIN_LATER: 1013,
} as const;

/** How long a socket closed for being slow may take to acknowledge before it is dropped. */
const SLOW_CLOSE_GRACE_MS = 10_000;

/** How long shutdown waits for sockets to acknowledge the 1001 close. */
const SHUTDOWN_GRACE_MS = 2_000;

/**
 * Serves GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's
 * /graphql path. Apollo's plugins do not see these operations, so the token
 * check (4403 when missing or bad), the depth/alias/cost limits and error
 * masking are applied here again. Subscriptions execute each event once per
 * distinct operation (see subscribeShared) and a subscriber that falls too
 * far behind is closed with 1013.
 */
export function attachWebSocket(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
}): WebSocketHandle {
  const { httpServer, schema, services, logger } = options;
  let closing = false;
  const server = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: 100 * 1024,
    verifyClient: (_info, accept) =>
      closing ? accept(false, 503, 'Server shutting down') : accept(true),
  });
  const tokens = services.deps.tokens;
  /** The socket and actor of each subscription's ExecutionArgs, for the shared subscribe. */
  const subscribers = new WeakMap<ExecutionArgs, { socket: WebSocket; actor: Actor }>();

  const disposable = useServer<{ authorization?: unknown }, { actor: Actor }>(
    {
      schema,
      onConnect: (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        const actor = typeof raw === 'string' ? tokens.verify(raw) : null;
        // false closes the socket with 4403 Forbidden.
        if (!actor) return false;
        ctx.extra.actor = actor;
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const validationErrors = validate(schema, document);
        if (validationErrors.length) return validationErrors;
        const variables = payload.variables ?? {};
        const limitErrors = checkLimits(
          schema,
          document,
          variables,
          payload.operationName ?? undefined,
        );
        if (limitErrors.length) return limitErrors;
        const actor = ctx.extra.actor;
        const args: ExecutionArgs = {
          schema,
          document,
          variableValues: variables,
          operationName: payload.operationName,
          contextValue: createContext(services, actor ?? null),
        };
        // onConnect refuses sockets without an actor, so it is always there.
        if (actor) subscribers.set(args, { socket: ctx.extra.socket, actor });
        return args;
      },
      subscribe: (args) => {
        const subscriber = subscribers.get(args);
        if (!subscriber) throw new Error('subscription without a subscriber');
        const { socket, actor } = subscriber;
        return subscribeShared(args, {
          key: operationKey(args, `${actor.role}:${actor.unitId ?? ''}:${actor.personId ?? ''}`),
          contextFor: () => createContext(services, actor),
          onSlowConsumer: () => closeSlow(socket),
        });
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        logUnexpected(logger, result.errors, args);
        return {
          ...result,
          errors: result.errors.map((error) => formatClientError(error.toJSON(), error)),
        };
      },
      onError: (_ctx, _id, _payload, errors) => {
        logUnexpected(logger, errors);
        return errors.map((error) => formatClientError(error.toJSON(), error));
      },
    },
    server,
    KEEP_ALIVE_MS,
  );

  function closeSlow(socket: WebSocket): void {
    if (socket.readyState !== socket.OPEN) return;
    logger.warn('closing a WebSocket whose subscriber fell behind (1013)');
    socket.close(
      CloseCodes.TRY_AGAIN_LATER,
      'Too slow: reconnect and resume from your last cursor',
    );
    // A peer that stopped reading may never acknowledge the close.
    setTimeout(() => socket.terminate(), SLOW_CLOSE_GRACE_MS).unref();
  }

  return {
    server,
    async close() {
      closing = true;
      const open = [...server.clients];
      const closed = Promise.all(
        open.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === socket.CLOSED) return resolve();
              socket.once('close', () => resolve());
            }),
        ),
      );
      for (const socket of open) socket.close(CloseCodes.GOING_AWAY, 'Server shutting down');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        closed,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS))),
      ]);
      clearTimeout(timer);
      for (const socket of server.clients) socket.terminate();
      await disposable.dispose();
    },
  };
}

function logUnexpected(
  logger: Logger,
  errors: readonly GraphQLError[],
  args?: ExecutionArgs,
): void {
  for (const error of errors) {
    if (!isClientError(error)) {
      const requestId = (args?.contextValue as { requestId?: string } | undefined)?.requestId;
      logger.error(
        { err: error.originalError ?? error, requestId, path: error.path },
        'unexpected error (ws)',
      );
    }
  }
}
