import type { DataSource } from 'typeorm';
import { paginate, type Connection, type PageArgs, type PageOrder } from '../../common/connection';
import { parseOptionalId } from '../../common/ids';
import type { ServiceDeps } from '../../common/services';
import { AuditEntry } from './audit-entry.entity';
import type { AuditScope } from './audit-scope';
import type { AuditLogFilter } from './audit.inputs';

/** The audit log is listed newest first. */
const AUDIT_ORDER: PageOrder = {
  keys: [{ column: 'id', property: 'id' }],
  direction: 'DESC',
};

/** Whatever can run a statement: a DataSource, an EntityManager or a QueryRunner. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Appends one entry for `scope` with `outcome`. With `withCreated`, inside
 * the mutation's transaction, the ids of the rows it inserted (gathered by
 * the audit_capture trigger) are added to its targets.
 */
export async function insertAuditEntry(
  runner: Queryable,
  scope: AuditScope,
  outcome: string,
  options: { withCreated?: boolean } = {},
): Promise<void> {
  const created = options.withCreated
    ? `coalesce(string_to_array(nullif(current_setting('thidua.audit_created', true), ''), ','), '{}')`
    : `'{}'::text[]`;
  await runner.query(
    `INSERT INTO audit_log
       (request_id, account_id, username, role, operation, target_ids, outcome, ip, transport)
     SELECT $1, $2, $3, $4, $5, ARRAY(SELECT DISTINCT unnest($6::text[] || ${created})), $7, $8, $9`,
    [
      scope.requestId,
      scope.accountId,
      scope.username,
      scope.role,
      scope.operation,
      [...scope.targets],
      outcome,
      scope.ip,
      scope.transport,
    ],
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
    const query = this.dataSource.getRepository(AuditEntry).createQueryBuilder('e');
    const accountId = parseOptionalId(filter?.accountId, 'filter.accountId');
    if (accountId) query.andWhere('e.account_id = :accountId', { accountId });
    if (filter?.username) {
      query.andWhere('lower(e.username) = lower(:username)', { username: filter.username.trim() });
    }
    if (filter?.operation)
      query.andWhere('e.operation = :operation', { operation: filter.operation });
    if (filter?.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
    if (filter?.failed === true) query.andWhere(`e.outcome <> 'OK'`);
    if (filter?.failed === false) query.andWhere(`e.outcome = 'OK'`);
    if (filter?.targetId) {
      query.andWhere('e.target_ids @> ARRAY[:targetId]::text[]', {
        targetId: filter.targetId.trim().toLowerCase(),
      });
    }
    if (filter?.from) query.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter?.to) query.andWhere('e.occurred_at < :to', { to: filter.to });
    return paginate(query, page, AUDIT_ORDER);
  }
}
