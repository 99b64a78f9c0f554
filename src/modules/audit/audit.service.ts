import type { DataSource } from 'typeorm';
import { paginate, type Connection, type PageArgs, type PageOrder } from '../../common/connection';
import { parseOptionalId } from '../../common/ids';
import type { ServiceDeps } from '../../common/services';
import { query, sql, type Queryable } from '../../common/sql';
import { AuditEntry } from './audit-entry.entity';
import type { AuditScope } from './audit-scope';
import type { AuditLogFilter } from './audit.inputs';

/** The audit log is listed newest first. */
const AUDIT_ORDER: PageOrder<AuditEntry> = { keys: ['id'], direction: 'DESC' };

/**
 * Appends one entry for `scope` with `outcome`. With `withCreated`, inside
 * the mutation's transaction, the ids of the rows it inserted (gathered by
 * the audit_capture trigger) are added to its targets.
 */
export async function insertAuditEntry(
  db: Queryable,
  scope: AuditScope,
  outcome: string,
  options: { withCreated?: boolean } = {},
): Promise<void> {
  const created = options.withCreated
    ? sql`coalesce(string_to_array(nullif(current_setting('thidua.audit_created', true), ''), ','), '{}')`
    : sql`'{}'::text[]`;
  await query(
    db,
    sql`INSERT INTO audit_log
          (request_id, account_id, username, role, operation, target_ids, outcome, ip, transport)
        SELECT ${scope.requestId}, ${scope.accountId}::uuid, ${scope.username}, ${scope.role},
               ${scope.operation}, ARRAY(SELECT DISTINCT unnest(${[...scope.targets]}::text[] || ${created})),
               ${outcome}, ${scope.ip}, ${scope.transport}`,
  );
}

/** The audit log: writing entries (see auditMutations) and listing them for ADMIN. */
export class AuditService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /** Appends an entry on its own, outside any transaction (a refused, failed or read-only mutation). */
  recordAlone(scope: AuditScope, outcome: string): Promise<void> {
    return insertAuditEntry(this.dataSource, scope, outcome);
  }

  /**
   * Entries matching the filter, newest first. BAD_USER_INPUT for a
   * malformed accountId or cursor.
   */
  list(filter: AuditLogFilter | null | undefined, page: PageArgs): Promise<Connection<AuditEntry>> {
    const accountId = parseOptionalId(filter?.accountId, 'filter.accountId');
    const targetId = filter?.targetId?.trim().toLowerCase();
    const where = sql.and(
      accountId && sql`t.account_id = ${accountId}`,
      filter?.username && sql`lower(t.username) = lower(${filter.username.trim()})`,
      filter?.operation && sql`t.operation = ${filter.operation}`,
      filter?.outcome && sql`t.outcome = ${filter.outcome}`,
      filter?.failed === true && sql`t.outcome <> 'OK'`,
      filter?.failed === false && sql`t.outcome = 'OK'`,
      targetId && sql`t.target_ids @> ARRAY[${targetId}]::text[]`,
      filter?.from && sql`t.occurred_at >= ${filter.from}`,
      filter?.to && sql`t.occurred_at < ${filter.to}`,
    );
    return paginate(this.dataSource.manager, AuditEntry, page, { order: AUDIT_ORDER, where });
  }
}
