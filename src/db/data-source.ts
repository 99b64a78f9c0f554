import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditSubscriber } from '../modules/audit/audit.subscriber';
import { entities } from '../modules/entities';
import { migrations } from './migrations';

// PostgreSQL `date` is a calendar date: keep it as 'YYYY-MM-DD' rather than a
// JS Date at local midnight. Counts (int8) fit a JS number in this domain.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/**
 * Builds the TypeORM DataSource for a PostgreSQL URL. Schema changes only go
 * through migrations (`synchronize` is never on).
 */
export function createDataSource(
  url: string,
  options: { poolSize?: number; applicationName?: string } = {},
) {
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
      // Bound how long a request can hold a connection on a stuck statement.
      statement_timeout: 30_000,
    },
  };
  return new DataSource(config);
}
