import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditSubscriber } from '../modules/audit/audit.subscriber';
import { entities } from '../modules/entities';
import { migrations } from './migrations';

// PostgreSQL `date` is a calendar date: keep it as 'YYYY-MM-DD' rather than a
// JS Date at local midnight. Counts (int8) fit a JS number in this domain.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/** How long the pool waits on PostgreSQL; each has a default. */
export interface PoolTimeouts {
  /** Getting a connection, new or from a full pool. Default 5 s. */
  connectMs?: number;
  /**
   * One statement: PostgreSQL cancels it (statement_timeout), and the driver
   * gives up a second later. Default 30 s; 0 for none (migrations).
   */
  statementMs?: number;
  /** A transaction left idle: PostgreSQL ends its session. Default 60 s; 0 for none. */
  idleInTransactionMs?: number;
}

/**
 * Builds the TypeORM DataSource for a PostgreSQL URL. Schema changes only go
 * through migrations (`synchronize` is never on).
 *
 * Nothing waits on PostgreSQL forever: getting a connection, each statement
 * and an idle transaction all have limits. The statement limit is enforced
 * twice, by PostgreSQL (statement_timeout, which cancels the statement) and
 * by the driver a second later (query_timeout), for a server that no longer
 * answers at all (hung, or a network that drops packets).
 */
export function createDataSource(
  url: string,
  options: { poolSize?: number; applicationName?: string } & PoolTimeouts = {},
) {
  const statementMs = options.statementMs ?? 30_000;
  const config: DataSourceOptions = {
    type: 'postgres',
    url,
    entities,
    migrations,
    // Writes each mutation's audit entry in the mutation's transaction.
    subscribers: [AuditSubscriber],
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'thidua-api',
      connectionTimeoutMillis: options.connectMs ?? 5_000,
      statement_timeout: statementMs,
      query_timeout: statementMs > 0 ? statementMs + 1_000 : undefined,
      idle_in_transaction_session_timeout: options.idleInTransactionMs ?? 60_000,
      keepAlive: true,
    },
  };
  return new DataSource(config);
}
