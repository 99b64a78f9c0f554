import { randomUUID } from 'node:crypto';
import type { Actor } from './auth/actor';
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
}

/** Builds a fresh context: new DataLoaders, so nothing is cached across operations. */
export function createContext(
  services: Services,
  actor: Actor | null,
  requestId: string = randomUUID(),
  language: Language = DEFAULT_LANGUAGE,
): Context {
  return {
    requestId,
    language,
    actor,
    loaders: new Loaders(services.deps.dataSource.manager),
    services,
    logger: services.deps.logger.child({ requestId }),
  };
}
