import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { compiledExecution } from './plan/compiled-execution';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Request } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { SessionGuard } from './auth/sessions';
import { TokenService } from './auth/tokens';
import { clientAddress, compileTrustProxy } from './common/client-address';
import { Services } from './common/services';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { formatClientError, isClientError } from './format-error';
import { languageFrom, localizeError, msg, render, type Message } from './i18n/i18n';
import { checkLimits, LIMITS } from './limits';
import type { Logger } from './logger';
import { createObservability } from './observability';
import { accessRecord, linkContext } from './observability/access-log';
import { attachWebSocket, type WebSocketHandle } from './realtime/websocket';
import { paperworkRoutes } from './modules/paperwork.routes';
import { corsForGraphQL } from './web/cors';
import { postAnswersAsIs } from './web/post-answer';
import { webPages } from './web/pages';

export interface ServerOptions {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  schema: GraphQLSchema;
  tokens: TokenService;
  /** The services to serve with; made from the options above when not given. */
  services?: Services;
}

/** A running API server. */
export interface RunningServer {
  /** http://host:port/graphql */
  url: string;
  port: number;
  httpServer: Server;
  services: Services;
  websocket: WebSocketHandle;
  /** Stops taking connections, closes subscriptions with 1001 and drains HTTP. Does not close the database. */
  stop(): Promise<void>;
}

/** Largest request body accepted; larger ones get 413. */
const BODY_LIMIT = '100kb';

/**
 * Builds the HTTP server: Express 5 with Apollo Server at /graphql, graphql-ws on
 * the same port and path, /healthz, /readyz and /metrics, and an access log line
 * per request and per WebSocket connection. Listens on `port` (0 for any).
 */
export async function createServer(
  options: ServerOptions,
  port: number,
  host?: string,
): Promise<RunningServer> {
  const { config, dataSource, logger, schema, tokens } = options;
  const services = options.services ?? new Services({ dataSource, config, logger, tokens });
  const app = express();
  app.disable('x-powered-by');
  const trustProxy = compileTrustProxy(config.TRUST_PROXY);
  const sessions = services.get(SessionGuard);
  const observability = createObservability({ dataSource, logger, services });
  app.use(observability.accessLog);
  const httpServer = createHttpServer(app);
  const websocket = attachWebSocket({
    httpServer,
    schema,
    services,
    logger,
    trustProxy,
    production: config.NODE_ENV === 'production',
    limits: {
      maxConnectionsPerIp: config.WS_MAX_CONNECTIONS_PER_IP,
      maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS,
      maxMessagesPerSecond: config.WS_MAX_MESSAGES_PER_SECOND,
      initTimeoutMs: config.WS_INIT_TIMEOUT_MS,
    },
    observe: observability.socketObserver,
  });
  observability.watchSockets(websocket.server);

  const production = config.NODE_ENV === 'production';
  const apollo = new ApolloServer<Context>({
    // Queries run as compiled code (src/plan/compiled-execution.ts) unless turned off.
    ...(config.COMPILED_QUERIES ? { gateway: compiledExecution(schema) } : { schema }),
    introspection: !production,
    parseOptions: { maxTokens: LIMITS.tokens },
    // A GET or simple POST without a JSON content type or a preflight header is refused (400).
    csrfPrevention: true,
    // main.ts owns SIGINT/SIGTERM. Apollo's own handlers would race it: they call stop()
    // too, and a second concurrent stop() of Apollo Server 5 never resolves.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) =>
      formatClientError(formatted, error, { hideSchemaDetails: production }),
    plugins: [
      // Requests in flight get 5 s to finish on shutdown; main.ts gives up after 9 s in all.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 }),
      limitsPlugin(),
      errorLoggingPlugin(),
      localizeErrorsPlugin(),
      observability.metrics.plugin(),
      // The default cache-control plugin wraps every field resolver to collect cache hints
      // we never give (10% of the profile benchmark's throughput, bench/); responses are
      // marked no-store below, as it did.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.NODE_ENV === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const readiness = await observability.readiness();
    res.status(readiness.status === 'ok' ? 200 : 503).json(readiness);
  });
  app.get('/metrics', observability.metricsHandler(config.METRICS_TOKEN));
  app.use('/graphql', corsForGraphQL(config.CORS_ORIGINS));
  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    postAnswersAsIs,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const record = accessRecord(res);
        let session;
        try {
          session = await sessions.authenticate(req.headers.authorization);
        } catch (error) {
          // The account could not be read: answered as INTERNAL_SERVER_ERROR (masked).
          logger.error(
            { err: error, requestId: record.requestId },
            'could not check the token’s account',
          );
          throw error;
        }
        record.accountId = session?.actor.accountId;
        const context = createContext(
          services,
          session?.actor ?? null,
          record.requestId,
          languageFrom(req.headers['accept-language']),
          { session, ip: clientAddress(req, trustProxy), transport: 'HTTP' },
        );
        linkContext(context, record);
        return context;
      },
    }),
  );
  app.use(paperworkRoutes({ services, logger }));
  app.use(webPages({ production: config.NODE_ENV === 'production', logger }));
  app.use((req, res) => {
    res.status(404).json(httpError(req, msg('server.notFound'), 'NOT_FOUND'));
  });
  app.use(jsonErrors(logger));

  // A port in use (EADDRINUSE) rejects here; main.ts explains it in one line.
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = host && host !== '0.0.0.0' ? host : 'localhost';
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}/graphql`,
    port: address.port,
    httpServer,
    services,
    websocket,
    stop: () =>
      (stopping ??= (async () => {
        await websocket.close();
        await apollo.stop();
      })()),
  };
}

/** Depth, alias and cost limits, before execution: QUERY_TOO_COMPLEX. */
function limitsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const errors = checkLimits(
            schema,
            document,
            request.variables ?? {},
            operationName ?? undefined,
          );
          const [first] = errors;
          // Apollo answers an error thrown here with 500 unless told otherwise: this is the client's.
          // The code and the message's key and parameters are kept for localizeErrorsPlugin.
          if (first) {
            throw new GraphQLError(first.message, {
              extensions: { ...first.extensions, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Logs unexpected errors with the request id; clients only see them masked. */
function errorLoggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!isClientError(error)) {
              contextValue.logger.error(
                { err: error.originalError ?? error, path: error.path },
                'unexpected error',
              );
            }
          }
        },
        async willSendResponse({ contextValue, response }) {
          response.http.headers.set('x-request-id', contextValue.requestId);
          response.http.headers.set('cache-control', 'no-store');
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}

/** Each error's message in the language the request asks for. */
function localizeErrorsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) {
            result.errors = result.errors.map((error) =>
              localizeError(error, contextValue.language),
            );
          }
        },
      };
    },
  };
}

/** The GraphQL-shaped body of an error answered outside GraphQL, in the request's language. */
function httpError(req: Request, message: Message, code: string) {
  const language = languageFrom(req.headers['accept-language']);
  return {
    errors: [
      {
        message: render(message, language),
        extensions: { code, messageKey: message.key, messageParams: message.params },
      },
    ],
  };
}

/** Errors outside GraphQL (a body too large, malformed JSON) as JSON with the right status. */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 600
        ? error.status
        : 500;
    if (status >= 500) logger.error({ err: error }, 'unexpected HTTP error');
    const message =
      status === 413
        ? msg('server.bodyTooLarge', { limit: BODY_LIMIT })
        : status < 500
          ? msg('server.malformedRequest')
          : msg('server.internal');
    const code =
      status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    res.status(status).json(httpError(req, message, code));
  };
}
