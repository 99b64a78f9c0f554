import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import type { Context } from '../../context';
import { Account, Role } from '../accounts/account.entity';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogFilter } from './audit.inputs';
import { AuditService } from './audit.service';

export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntry');

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEntryConnection, {
    description: 'Every mutation, newest first: who, what, on which ids, and how it ended. ADMIN.',
  })
  auditLog(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditLogFilter, {
      nullable: true,
      description: 'Which entries; all without one.',
    })
    filter?: AuditLogFilter,
    @FirstArg(50) first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<AuditEntry>> {
    return ctx.services.get(AuditService).list(filter, { first: first ?? 50, after });
  }

  @FieldResolver(() => Account, {
    nullable: true,
    description: 'The account, while it exists.',
  })
  account(@Root() entry: AuditEntry, @Ctx() ctx: Context): Promise<Account | null> | null {
    return entry.accountId ? ctx.loaders.byId(Account).load(entry.accountId) : null;
  }
}
