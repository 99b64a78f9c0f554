import type { DataSource } from 'typeorm';
import type { TokenService } from '../auth/tokens';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** What every service is built from. */
export interface ServiceDeps {
  dataSource: DataSource;
  config: Config;
  logger: Logger;
  tokens: TokenService;
}

/**
 * One instance of each service per process, made on first use. A service is a
 * class whose constructor takes ServiceDeps; it holds the domain rules and
 * transactions and knows nothing of HTTP, WebSocket or GraphQL.
 */
export class Services {
  private readonly instances = new Map<unknown, unknown>();

  constructor(readonly deps: ServiceDeps) {}

  get<T>(service: new (deps: ServiceDeps) => T): T {
    let instance = this.instances.get(service) as T | undefined;
    if (!instance) {
      instance = new service(this.deps);
      this.instances.set(service, instance);
    }
    return instance;
  }
}
