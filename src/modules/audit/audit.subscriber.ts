import {
  EventSubscriber,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
  type TransactionStartEvent,
} from 'typeorm';
import { query, sql } from '../../common/sql';
import { currentAuditScope } from './audit-scope';
import { insertAuditEntry } from './audit.service';

/** How deep the runner's transactions are nested (1: the outermost, not a savepoint). */
function depth(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 0;
}

/**
 * Writes a mutation's audit entry inside the mutation's own transaction,
 * just before it commits: the change and its entry are committed together
 * or not at all. Knows which mutation is running from the AsyncLocalStorage
 * scope that auditMutations sets; transactions outside a mutation (seeds,
 * start-up) are left alone.
 */
@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface {
  /** Turns on the capture of new rows' ids (the audit_capture trigger) for this transaction. */
  async afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    const scope = currentAuditScope();
    if (!scope || scope.written || depth(event.queryRunner) !== 1) return;
    await query(event.queryRunner, sql`SELECT set_config('thidua.audit', 'on', true)`);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const scope = currentAuditScope();
    if (!scope || scope.written || depth(event.queryRunner) !== 1) return;
    await insertAuditEntry(event.queryRunner, scope, 'OK', { withCreated: true });
    scope.written = true;
  }

  /** The entry went with the rolled-back transaction: a later one (or the failure) writes it. */
  async afterTransactionRollback(event: TransactionRollbackEvent): Promise<void> {
    const scope = currentAuditScope();
    if (scope && depth(event.queryRunner) === 0) scope.written = false;
  }
}
