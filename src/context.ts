import { randomUUID } from 'node:crypto';
import type { Actor } from './auth/actor';
import type { VerifiedToken } from './auth/tokens';
import { Loaders } from './common/loaders';
import type { Services } from './common/services';
import { DEFAULT_LANGUAGE, type Language } from './i18n/i18n';
import type { Logger } from './logger';

/** The context of one GraphQL operation, over HTTP or WebSocket. */
export interface Context {
  requestId: string;
  /** The signed-in account, or null. */
  actor: Actor | null;
  loaders: Loaders;
  services: Services;
  logger: Logger;
  /** The language the client reads messages in (its Accept-Language). */
  language: Language;
  /** The token the actor came with (null without one): when it expires, when its session began. */
  session: VerifiedToken | null;
  /** The client's address (behind a trusted proxy, the one it forwarded), if known. */
  ip: string | null;
  transport: Transport;
}

/** How an operation arrived. */
export type Transport = 'HTTP' | 'WEBSOCKET';

/** Where an operation came from, besides its actor. */
export interface ClientInfo {
  session: VerifiedToken | null;
  ip: string | null;
  transport: Transport;
}

/** Builds a fresh context: new DataLoaders, so nothing is cached across operations. */
export function createContext(
  services: Services,
  actor: Actor | null,
  requestId: string = randomUUID(),
  language: Language = DEFAULT_LANGUAGE,
  client: ClientInfo = { session: null, ip: null, transport: 'HTTP' },
): Context {
  return new OperationContext(services, actor, requestId, language, client);
}

/**
 * A context whose logger (a child logger carrying the request id) is made
 * when first logged to: most operations never log. The logger is read on
 * the prototype, so it stays lazy in the copies Apollo Server makes of a
 * context (Object.assign onto an object of the same prototype).
 */
class OperationContext implements Context {
  readonly loaders: Loaders;
  session: VerifiedToken | null;
  ip: string | null;
  transport: Transport;
  /** The logger, once made. */
  private madeLogger: Logger | undefined = undefined;

  constructor(
    readonly services: Services,
    readonly actor: Actor | null,
    readonly requestId: string,
    readonly language: Language,
    client: ClientInfo,
  ) {
    this.session = client.session;
    this.ip = client.ip;
    this.transport = client.transport;
    this.loaders = new Loaders(services.deps.dataSource.manager);
  }

  get logger(): Logger {
    return (this.madeLogger ??= this.services.deps.logger.child({ requestId: this.requestId }));
  }
}
