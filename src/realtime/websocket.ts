import type { Server } from 'node:http';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type GraphQLFormattedError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Actor } from '../auth/actor';
import { SessionGuard } from '../auth/sessions';
import type { VerifiedToken } from '../auth/tokens';
import { clientAddress, type TrustProxy } from '../common/client-address';
import type { Services } from '../common/services';
import { createContext } from '../context';
import { AppError, ErrorCode, UnauthenticatedError } from '../errors';
import { formatClientError, isClientError } from '../format-error';
import { DEFAULT_LANGUAGE, languageFrom, localizeError, msg, type Language } from '../i18n/i18n';
import { checkLimits, LIMITS } from '../limits';
import type { Logger } from '../logger';
import { frameSocketOf, nextFrames, type NextFrames } from './frames';
import {
  operationKey,
  subscribeShared,
  toPayloadBytes,
  type PayloadBytes,
} from './shared-execution';
import { RealtimeService } from './realtime.service';

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

/** ws sends a Buffer as a binary frame unless told otherwise; graphql-ws messages are text. */
const TEXT_FRAME = { binary: false } as const;

/** How often graphql-ws pings each socket; a peer that does not answer is dropped. */
const KEEP_ALIVE_MS = 12_000;

/**
 * Close codes this server uses besides graphql-ws's own (4403 for a missing
 * or bad token, 4400 for a malformed message...). Both are retryable.
 */
export const CloseCodes = {
  /** The server is shutting down: reconnect (to another process) and resume from your last cursor. */
  GOING_AWAY: 1001,
  /**
   * graphql-ws's Forbidden: no valid token at connection_init, or the token
   * expired or was revoked (its account changed) while the socket was open.
   * Reconnect with a fresh token and resume from your last cursor.
   */
  FORBIDDEN: 4403,
  /**
   * Try again later: the socket left what it was sent untaken for too long
   * (a stalled reader), sent messages faster than allowed, or its address
   * holds too many sockets. Reconnect after a pause and resume from your
   * last cursor.
   */
  TRY_AGAIN_LATER: 1013,
} as const;

/** Limits of each WebSocket (README "Security"); every field has a default. */
export interface SocketLimits {
  /** Sockets one client address may hold (a hall's screens often share one). Default 20,000. */
  maxConnectionsPerIp: number;
  /** Operations one socket may run at once; the next subscribe gets RATE_LIMITED. Default 50. */
  maxSubscriptions: number;
  /** Messages per second a socket may send on average, bursts of twice as many; beyond, 1013. Default 50. */
  maxMessagesPerSecond: number;
  /** How long a socket may take to send connection_init (graphql-ws closes it with 4408). Default 5 s. */
  initTimeoutMs: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxConnectionsPerIp: 20_000,
  maxSubscriptions: 50,
  maxMessagesPerSecond: 50,
  initTimeoutMs: 5_000,
};

/** How often sockets are checked for bytes they leave untaken. */
const STALL_CHECK_MS = 500;

/** How long a socket closed for being slow may take to acknowledge before it is dropped. */
const SLOW_CLOSE_GRACE_MS = 10_000;

/** How long shutdown waits for sockets to acknowledge the 1001 close. */
const SHUTDOWN_GRACE_MS = 2_000;

/**
 * Serves GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's
 * /graphql path. Apollo's plugins do not see these operations, so the token
 * check (4403 when missing, bad, expired or revoked), the depth/alias/cost
 * limits and error masking are applied here again. Subscriptions execute
 * each event once per distinct operation (see subscribeShared).
 *
 * Each socket is limited (SocketLimits): sockets per address and messages
 * per second (beyond: closed with 1013), operations at once (beyond: the
 * subscribe gets RATE_LIMITED), the time to connection_init (graphql-ws's
 * 4408). A socket whose send buffer does not empty for
 * RealtimeService.stallGraceMs — a reader that stopped reading — is closed
 * with 1013; a slow reader that still reads is never cut off (its
 * subscriptions catch up from the log, see EventStream).
 */
export function attachWebSocket(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
  /** Whose X-Forwarded-For to believe; nobody's when not given. */
  trustProxy?: TrustProxy;
  /** Production: no introspection, no "Did you mean" suggestions (as over HTTP). */
  production?: boolean;
  limits?: Partial<SocketLimits>;
  observe?: SocketObserver;
}): WebSocketHandle {
  const { httpServer, schema, services, logger, observe } = options;
  const limits: SocketLimits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  const realtime = services.get(RealtimeService);
  const formatOptions = { hideSchemaDetails: options.production ?? false };
  const validationRules = options.production
    ? [...specifiedRules, NoSchemaIntrospectionCustomRule]
    : specifiedRules;
  const trustProxy = options.trustProxy ?? (() => false);
  let closing = false;
  const server = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: 100 * 1024,
    verifyClient: (_info, accept) =>
      closing ? accept(false, 503, 'Server shutting down') : accept(true),
  });
  const sessions = services.get(SessionGuard);
  /** The socket, actor and message id of each subscription's ExecutionArgs, for the shared subscribe. */
  const subscribers = new WeakMap<
    ExecutionArgs,
    { socket: WebSocket; session: VerifiedToken; id: string; language: Language }
  >();
  /** Open sockets by account, so that a change to an account reaches its sockets at once. */
  const socketsByAccount = new Map<string, Map<WebSocket, VerifiedToken>>();
  const stopWatching = sessions.onChange((accountId) => {
    const affected =
      accountId === null ? [...socketsByAccount.values()] : [socketsByAccount.get(accountId)];
    for (const sockets of affected) {
      for (const [socket, session] of sockets ?? []) void recheck(socket, session);
    }
  });
  const documents = new Map<string, { document?: DocumentNode; errors: readonly GraphQLError[] }>();
  const limitChecks = new Map<string, GraphQLError[]>();

  // Registered before graphql-ws's own handler, so it sees every socket and message first.
  const perAddress = new Map<string, number>();
  server.on('connection', (socket, request) => {
    const address = clientAddress(request, trustProxy) ?? 'unknown';
    const held = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, held);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    if (held > limits.maxConnectionsPerIp) {
      logger.warn({ address }, 'too many WebSockets from one address (1013)');
      throttle(socket, 'Too many connections from your address: try again later');
      return;
    }
    limitMessageRate(socket);
  });
  const stalled = new WeakMap<WebSocket, number>();
  const stallCheck = setInterval(() => {
    const now = Date.now();
    for (const socket of server.clients) {
      if (socket.readyState !== socket.OPEN || socket.bufferedAmount === 0) {
        stalled.delete(socket);
        continue;
      }
      const since = stalled.get(socket) ?? now;
      stalled.set(socket, since);
      if (now - since >= realtime.stallGraceMs) closeSlow(socket);
    }
  }, STALL_CHECK_MS);
  stallCheck.unref();

  const disposable = useServer<
    { authorization?: unknown; language?: unknown },
    { actor: Actor; session: VerifiedToken; language: Language; ip: string | null }
  >(
    {
      schema,
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        const session = typeof raw === 'string' ? await sessions.authenticate(raw) : null;
        // false closes the socket with 4403 Forbidden.
        if (!session) return false;
        const socket = ctx.extra.socket;
        if (socket.readyState !== socket.OPEN) return false;
        ctx.extra.actor = session.actor;
        ctx.extra.session = session;
        ctx.extra.ip = clientAddress(ctx.extra.request, trustProxy);
        watchSession(socket, session);
        observe?.authenticated?.(socket, session.actor);
        // A browser cannot set headers on a WebSocket: it may name its language in the parameters.
        const asked = ctx.connectionParams?.language;
        ctx.extra.language = languageFrom(
          typeof asked === 'string' ? asked : ctx.extra.request.headers['accept-language'],
        );
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const checked = checkOperation(payload);
        observe?.operation?.(ctx.extra.socket);
        const { actor, session, ip = null, language = DEFAULT_LANGUAGE } = ctx.extra;
        // Localized, like every error, by onError.
        if (checked.errors.length) return [...checked.errors];
        // graphql-ws has already reserved this id among them.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptions) {
          return [
            new AppError(
              ErrorCode.RATE_LIMITED,
              msg('realtime.tooManySubscriptions', { max: limits.maxSubscriptions }),
            ),
          ];
        }
        // onConnect refuses sockets without a session; the account may have changed since.
        if (!session) return [new UnauthenticatedError()];
        if (!(await recheck(ctx.extra.socket, session))) return [new UnauthenticatedError()];
        const args: ExecutionArgs = {
          schema,
          document: checked.document!,
          variableValues: payload.variables ?? {},
          operationName: payload.operationName,
          contextValue: createContext(services, actor ?? null, undefined, language, {
            session,
            ip,
            transport: 'WEBSOCKET',
          }),
        };
        subscribers.set(args, { socket: ctx.extra.socket, session, id, language });
        return args;
      },
      subscribe: (args) => {
        const subscriber = subscribers.get(args);
        if (!subscriber) throw new Error('subscription without a subscriber');
        const { socket, session, id, language } = subscriber;
        const actor = session.actor;
        const frames = nextFrames(id);
        // One event is in flight per subscription: what its flush reports to.
        let inFlight: unknown;
        let onFlushed: ((sent: boolean) => void) | undefined;
        const flushed = (error?: Error | null) => {
          const event = inFlight;
          const done = onFlushed;
          inFlight = undefined;
          onFlushed = undefined;
          if (!error) observe?.delivered?.(event);
          done?.(!error);
        };
        const deliver = (payload: PayloadBytes, event: unknown, done: (sent: boolean) => void) => {
          if (socket.readyState !== socket.OPEN) return done(false);
          inFlight = event;
          onFlushed = done;
          write(socket, frames, payload, flushed);
        };
        return subscribeShared(args, {
          key: operationKey(
            args,
            `${actor.role}:${actor.unitId ?? ''}:${actor.personId ?? ''}:${language}`,
          ),
          contextFor: () =>
            createContext(services, actor, undefined, language, {
              session,
              ip: null,
              transport: 'WEBSOCKET',
            }),
          serialize: (result) => {
            if (result.errors?.length) logUnexpected(logger, result.errors);
            return toPayloadBytes(masked(result, language));
          },
          send: (payload, event, done, live) => {
            // Every delivery checks the token (expiry, and its account in the cache).
            const stands = sessions.peek(session);
            if (stands === true) return deliver(payload, event, done);
            if (stands === false) {
              forbid(socket);
              return done(false);
            }
            // Re-read while the subscription waited: not written if it was completed meanwhile.
            void recheck(socket, session).then((ok) =>
              ok && live() ? deliver(payload, event, done) : done(false),
            );
          },
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
            formatClientError(error.toJSON(), error, formatOptions),
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
   * Writes one `next` message as a text frame and calls `flushed` once it is
   * flushed (with the error when the write failed). The frame is built whole
   * and written to the TCP socket with one write when ws would write it at
   * once itself (see frameSocketOf), else it goes through ws.send.
   */
  function write(
    socket: WebSocket,
    frames: NextFrames,
    payload: PayloadBytes,
    flushed: (error?: Error | null) => void,
  ): void {
    const raw = frameSocketOf(socket);
    if (raw) raw.write(frames.frame(payload), flushed);
    else socket.send(frames.message(payload), TEXT_FRAME, flushed);
  }

  /**
   * The result as a client in `language` may see it: unexpected errors
   * masked, messages localized (and counted for the metrics).
   */
  function masked(result: ExecutionResult, language: Language): ExecutionResult {
    if (!result.errors?.length) return result;
    const errors = result.errors.map((error) =>
      localizeError(formatClientError(error.toJSON(), error, formatOptions), language),
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
        const document = parse(payload.query, { maxTokens: LIMITS.tokens });
        parsed = { document, errors: validate(schema, document, validationRules) };
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

  /**
   * Keeps an eye on a signed-in socket: closed with 4403 when its token
   * expires, and re-checked whenever its account changes.
   */
  function watchSession(socket: WebSocket, session: VerifiedToken): void {
    const accountId = session.actor.accountId;
    let sockets = socketsByAccount.get(accountId);
    if (!sockets) {
      sockets = new Map();
      socketsByAccount.set(accountId, sockets);
    }
    sockets.set(socket, session);
    const expiry = setTimeout(
      () => forbid(socket),
      Math.max(0, Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1)),
    );
    expiry.unref();
    socket.once('close', () => {
      clearTimeout(expiry);
      const current = socketsByAccount.get(accountId);
      current?.delete(socket);
      if (current?.size === 0) socketsByAccount.delete(accountId);
    });
  }

  /** Whether the socket's token still stands; closes it with 4403 when not. */
  async function recheck(socket: WebSocket, session: VerifiedToken): Promise<boolean> {
    let stands: boolean;
    try {
      stands = await sessions.stands(session);
    } catch (error) {
      // The account could not be read (the database is down): keep the
      // socket; the next delivery or change checks again.
      logger.warn({ err: error }, 'could not re-check a WebSocket’s account');
      return true;
    }
    if (!stands) forbid(socket);
    return stands;
  }

  function forbid(socket: WebSocket): void {
    if (socket.readyState !== socket.OPEN) return;
    socket.close(CloseCodes.FORBIDDEN, 'Token expired or revoked: sign in again');
    // A peer that stopped reading may never acknowledge the close.
    setTimeout(() => socket.terminate(), SLOW_CLOSE_GRACE_MS).unref();
  }

  function closeSlow(socket: WebSocket): void {
    if (socket.readyState !== socket.OPEN) return;
    logger.warn('closing a WebSocket that stopped taking what it is sent (1013)');
    throttle(socket, 'Too slow: reconnect and resume from your last cursor');
  }

  /** Closes a socket with 1013 (try again later). */
  function throttle(socket: WebSocket, reason: string): void {
    if (socket.readyState !== socket.OPEN) return;
    socket.close(CloseCodes.TRY_AGAIN_LATER, reason);
    // A peer that stopped reading may never acknowledge the close.
    setTimeout(() => socket.terminate(), SLOW_CLOSE_GRACE_MS).unref();
  }

  /**
   * At most maxMessagesPerSecond messages a second on average from one
   * socket (a token bucket holding two seconds' worth): past it the socket
   * is closed with 1013 and nothing more it sent is processed — messages
   * already received in the same read are dropped before graphql-ws parses
   * them, so a flood costs the server next to nothing.
   */
  function limitMessageRate(socket: WebSocket): void {
    const rate = limits.maxMessagesPerSecond;
    const burst = rate * 2;
    let tokens = burst;
    let at = Date.now();
    let refused = false;
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === 'message') {
        if (refused) return false;
        const now = Date.now();
        tokens = Math.min(burst, tokens + ((now - at) * rate) / 1000);
        at = now;
        if (tokens < 1) {
          refused = true;
          logger.warn('closing a WebSocket that sent too many messages (1013)');
          throttle(socket, 'Too many messages: slow down and reconnect');
          return false;
        }
        tokens -= 1;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
  }

  return {
    server,
    async close() {
      closing = true;
      stopWatching();
      clearInterval(stallCheck);
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
