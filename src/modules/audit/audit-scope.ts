import { AsyncLocalStorage } from 'node:async_hooks';
import {
  defaultFieldResolver,
  getNullableType,
  GraphQLID,
  isInputObjectType,
  isListType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { Context, Transport } from '../../context';
import { isClientError } from '../../format-error';
import { unwrapResolverError } from '@apollo/server/errors';
import { AuditService } from './audit.service';

/** Most target ids one entry keeps, and the longest kept (ids are UUIDs; anything longer is junk). */
const MAX_TARGETS = 50;
const MAX_TARGET_LENGTH = 100;

/** What the audit entry of the mutation running now will say. */
export interface AuditScope {
  operation: string;
  requestId: string;
  accountId: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  transport: Transport;
  /** Ids the mutation was given (its ID arguments) and, when known, the id of what it returned. */
  targets: Set<string>;
  /** True once the entry is written in the mutation's transaction (reset if that rolls back). */
  written: boolean;
}

const storage = new AsyncLocalStorage<AuditScope>();

/** The audit scope of the mutation this code runs for, if any. */
export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}

/**
 * Names who a mutation acts for when the token does not say (sign-in: the
 * username tried, then the account that signed in).
 */
export function auditSubject(subject: {
  accountId?: string | null;
  username?: string | null;
  role?: string | null;
}): void {
  const scope = storage.getStore();
  if (!scope) return;
  if (subject.accountId !== undefined) scope.accountId = subject.accountId;
  if (subject.username !== undefined) scope.username = subject.username?.slice(0, 60) ?? null;
  if (subject.role !== undefined) scope.role = subject.role;
}

/**
 * Audits every mutation, over HTTP and WebSocket alike: wraps each Mutation
 * field so that it runs inside an AsyncLocalStorage scope describing it (who,
 * role, operation, target ids, request id, address, transport). While the
 * mutation's transaction commits, AuditSubscriber writes the entry in that
 * same transaction, with the ids of the rows it created; if it commits no
 * transaction the entry is written after it succeeds; if it is refused or
 * fails, an entry with the error's code is written on its own (the failed
 * transaction's entry went with it). Nothing secret is kept: the arguments
 * themselves are not, only the ids among them.
 *
 * Wraps outermost (after the sign-in check), so that refusals are recorded
 * too. Changes `schema` in place and returns it.
 */
export function auditMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver;
    const args = field.args;
    field.resolve = (root, values: Record<string, unknown>, context: Context, info) => {
      const targets = new Set<string>();
      for (const arg of args) collectIds(values[arg.name], arg.type, targets);
      const scope: AuditScope = {
        operation: info.fieldName,
        requestId: context.requestId,
        accountId: context.actor?.accountId ?? null,
        username: context.actor?.username ?? null,
        role: context.actor?.role ?? null,
        ip: context.ip,
        transport: context.transport,
        targets,
        written: false,
      };
      const audit = context.services.get(AuditService);
      return storage.run(scope, async () => {
        let result: unknown;
        try {
          result = await resolve(root, values, context, info);
        } catch (error) {
          await audit
            .recordAlone(scope, outcomeOf(error))
            .catch((failure) =>
              context.logger.error({ err: failure }, 'could not write the audit entry'),
            );
          throw error;
        }
        if (!scope.written) {
          addId(targets, (result as { id?: unknown } | null)?.id);
          await audit.recordAlone(scope, 'OK');
        }
        return result;
      });
    };
  }
  return schema;
}

/** The outcome an entry records for an error: its code, or INTERNAL_SERVER_ERROR. */
function outcomeOf(error: unknown): string {
  const original = unwrapResolverError(error) as { extensions?: { code?: unknown } } | undefined;
  const code = original?.extensions?.code;
  return isClientError(error) && typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** Adds every ID in `value` (an argument of `type`) to `targets`. */
function collectIds(value: unknown, type: GraphQLInputType, targets: Set<string>): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) for (const item of value) collectIds(item, nullable.ofType, targets);
  } else if (nullable === GraphQLID) {
    addId(targets, value);
  } else if (isInputObjectType(nullable) && typeof value === 'object') {
    for (const field of Object.values(nullable.getFields())) {
      collectIds((value as Record<string, unknown>)[field.name], field.type, targets);
    }
  }
}

function addId(targets: Set<string>, id: unknown): void {
  if ((typeof id === 'string' || typeof id === 'number') && targets.size < MAX_TARGETS) {
    targets.add(String(id).slice(0, MAX_TARGET_LENGTH).toLowerCase());
  }
}
