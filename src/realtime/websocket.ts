import type { Server } from 'node:http';
import { GraphQLError, parse, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Actor } from '../auth/actor';
import type { Services } from '../common/services';
import { createContext } from '../context';
import { formatClientError, isClientError } from '../format-error';
import { checkLimits } from '../limits';
import type { Logger } from '../logger';

/** The WebSocket side of a running server. */
export interface WebSocketHandle {
  server: WebSocketServer;
  /** Stops taking sockets and closes the open ones with 1001 (going away). */
  close(): Promise<void>;
}

/** How often graphql-ws pings each socket; a peer that does not answer is dropped. */
const KEEP_ALIVE_MS = 12_000;

/**
 * Serves GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's
 * /graphql path. Apollo's plugins do not see these operations, so the token
 * check (4403 when missing or bad), the depth/alias/cost limits and error
 * masking are applied here again.
 */
export function attachWebSocket(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
}): WebSocketHandle {
  const { httpServer, schema, services, logger } = options;
  const server = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: 100 * 1024,
  });
  const tokens = services.deps.tokens;

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
        const args: ExecutionArgs = {
          schema,
          document,
          variableValues: variables,
          operationName: payload.operationName,
          contextValue: createContext(services, ctx.extra.actor ?? null),
        };
        return args;
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

  return {
    server,
    async close() {
      for (const socket of server.clients) socket.close(1001, 'Server shutting down');
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
