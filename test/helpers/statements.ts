import type { DataSource } from 'typeorm';

/** The SQL statements a server sends, as recorded by `recordStatements`. */
export interface StatementLog {
  /** Every statement sent since the recording began or was last cleared. */
  readonly statements: string[];
  /** Forgets the statements recorded so far. */
  clear(): void;
  /** Stops recording (call it in `finally`). */
  stop(): void;
}

/**
 * Records every statement `dataSource` sends (TypeORM passes each one to its
 * logger, whatever the log level), to count what an operation costs.
 */
export function recordStatements(dataSource: DataSource): StatementLog {
  const statements: string[] = [];
  const logger = dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    statements.push(query);
    return logQuery(query, parameters, runner);
  };
  return {
    statements,
    clear: () => {
      statements.length = 0;
    },
    stop: () => {
      logger.logQuery = logQuery;
    },
  };
}
