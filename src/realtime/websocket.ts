import type { Server } from 'node:http';
import {
  GraphQLError,
  type GraphQLFormattedError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '../auth/actor';
import type { Services } from '../common/services';
import { createContext } from '../context';
import { formatClientError, isClientError } from '../format-error';
import { DEFAULT_LANGUAGE, languageFrom, localizeError, type Language } from '../i18n/i18n';
import { checkLimits } from '../limits';
import type { Logger } from '../logger';
import { nextMessages, operationKey, subscribeShared, toPayloadJson } from './shared-execution';

/** The WebSocket side of a running server. */
export interface WebSocketHandle {
  server: WebSocketServer;
  /**
   * Stops taking sockets (new upgrades get 503), closes the open ones with
   * 1001 (going away) and waits briefly for them to close.
   */
  close(): Promise<void>;
}

/** Hooks for metrics and the access log; each is optional. */
export interface SocketObserver {
  /** A socket's token was accepted. */
  authenticated?(socket: WebSocket, actor: Actor): void;
  /** A socket started an operation (a subscription, or a query over WebSocket). */
  operation?(socket: WebSocket): void;
  /** A subscription event was handed to a socket. */
  delivered?(event: unknown): void;
  /** Errors were sent to a client, as it saw them (masked). */
  errors?(errors: readonly GraphQLFormattedError[]): void;
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
  observe?: SocketObserver;
}): WebSocketHandle {
  const { httpServer, schema, services, logger, observe } = options;
  let closing = false;
  const server = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: 100 * 1024,
    verifyClient: (_info, accept) =>
      closing ? accept(false, 503, 'Server shutting down') : accept(true),
  });
  const tokens = services.deps.tokens;
  /** The socket, actor and message id of each subscription's ExecutionArgs, for the shared subscribe. */
  const subscribers = new WeakMap<
    ExecutionArgs,
    { socket: WebSocket; actor: Actor; id: string; language: Language }
  >();
  const documents = new Map<string, { document?: DocumentNode; errors: readonly GraphQLError[] }>();
  const limitChecks = new Map<string, GraphQLError[]>();

  const disposable = useServer<
    { authorization?: unknown; language?: unknown },
    { actor: Actor; language: Language }
  >(
    {
      schema,
      onConnect: (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        const actor = typeof raw === 'string' ? tokens.verify(raw) : null;
        // false closes the socket with 4403 Forbidden.
        if (!actor) return false;
        ctx.extra.actor = actor;
        observe?.authenticated?.(ctx.extra.socket, actor);
        // A browser cannot set headers on a WebSocket: it may name its language in the parameters.
        const asked = ctx.connectionParams?.language;
        ctx.extra.language = languageFrom(
          typeof asked === 'string' ? asked : ctx.extra.request.headers['accept-language'],
        );
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const checked = checkOperation(payload);
        observe?.operation?.(ctx.extra.socket);
        const { actor, language = DEFAULT_LANGUAGE } = ctx.extra;
        // Localized, like every error, by onError.
        if (checked.errors.length) return [...checked.errors];
        const args: ExecutionArgs = {
          schema,
          document: checked.document!,
          variableValues: payload.variables ?? {},
          operationName: payload.operationName,
          contextValue: createContext(services, actor ?? null, undefined, language),
        };
        // onConnect refuses sockets without an actor, so it is always there.
        if (actor) subscribers.set(args, { socket: ctx.extra.socket, actor, id, language });
        return args;
      },
      subscribe: (args) => {
        const subscriber = subscribers.get(args);
        if (!subscriber) throw new Error('subscription without a subscriber');
        const { socket, actor, id, language } = subscriber;
        const nextMessage = nextMessages(id);
        return subscribeShared(args, {
          key: operationKey(
            args,
            `${actor.role}:${actor.unitId ?? ''}:${actor.personId ?? ''}:${language}`,
          ),
          contextFor: () => createContext(services, actor, undefined, language),
          serialize: (result) => {
            if (result.errors?.length) logUnexpected(logger, result.errors);
            return toPayloadJson(masked(result, language));
          },
          send: (payload, event) =>
            new Promise<boolean>((resolve) => {
              if (socket.readyState !== socket.OPEN) return resolve(false);
              socket.send(nextMessage(payload), (error) => {
                if (!error) observe?.delivered?.(event);
                resolve(!error);
              });
            }),
          onSlowConsumer: () => closeSlow(socket),
        });
      },
      // Results of queries and mutations over WebSocket (subscriptions send their own).
      onNext: (ctx, _id, _payload, args, result) => {
        if (!result.errors?.length) return;
        logUnexpected(logger, result.errors, args);
        return masked(result, ctx.extra.language ?? DEFAULT_LANGUAGE);
      },
      onError: (ctx, _id, _payload, errors) => {
        logUnexpected(logger, errors);
        const formatted = errors.map((error) =>
          localizeError(
            formatClientError(error.toJSON(), error),
            ctx.extra.language ?? DEFAULT_LANGUAGE,
          ),
        );
        observe?.errors?.(formatted);
        return formatted;
      },
    },
    server,
    KEEP_ALIVE_MS,
  );

  /**
   * The result as a client in `language` may see it: unexpected errors
   * masked, messages localized (and counted for the metrics).
   */
  function masked(result: ExecutionResult, language: Language): ExecutionResult {
    if (!result.errors?.length) return result;
    const errors = result.errors.map((error) =>
      localizeError(formatClientError(error.toJSON(), error), language),
    );
    observe?.errors?.(errors);
    return { ...result, errors: errors as unknown as GraphQLError[] };
  }

  /**
   * Parses, validates and checks an operation against the limits. Parsed and
   * validated documents are cached by their text, so 10,000 screens sending
   * the same subscription share one AST and pay for validation once.
   */
  function checkOperation(payload: {
    query: string;
    variables?: Record<string, unknown> | null;
    operationName?: string | null;
  }): { document?: DocumentNode; errors: readonly GraphQLError[] } {
    let parsed = documents.get(payload.query);
    if (!parsed) {
      try {
        const document = parse(payload.query);
        parsed = { document, errors: validate(schema, document) };
      } catch (error) {
        parsed = { errors: [error as GraphQLError] };
      }
      remember(documents, payload.query, parsed);
    }
    if (parsed.errors.length || !parsed.document) return parsed;
    const limitKey = `${payload.operationName ?? ''}\n${JSON.stringify(payload.variables ?? {})}\n${payload.query}`;
    let limitErrors = limitChecks.get(limitKey);
    if (!limitErrors) {
      limitErrors = checkLimits(
        schema,
        parsed.document,
        payload.variables ?? {},
        payload.operationName ?? undefined,
      );
      remember(limitChecks, limitKey, limitErrors);
    }
    return { document: parsed.document, errors: limitErrors };
  }

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

/** Most operations each cache keeps; the oldest go first. */
const CACHE_SIZE = 500;

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
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
