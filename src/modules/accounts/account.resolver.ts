import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import type { Context } from '../../context';
import { UnauthenticatedError } from '../../errors';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Account, Role } from './account.entity';
import {
  AccountFilter,
  AuthPayload,
  CreateAccountInput,
  UpdateAccountAccessInput,
} from './account.inputs';
import { AccountService } from './account.service';
import { SessionGuard } from '../../auth/sessions';
import type { GraphQLResolveInfo } from 'graphql';
import { readById } from '../../plan/read-planner';

/**
 * A change that bumps an account's version, once committed: this process
 * forgets the account's standing at once, so the very next request with one
 * of its old tokens is refused. Other processes (and this one again) hear of
 * it from PostgreSQL's NOTIFY, which arrives on another connection a moment
 * later (see SessionGuard).
 */
async function revokes<T>(ctx: Context, accountId: string, change: Promise<T>): Promise<T> {
  const result = await change;
  ctx.services.get(SessionGuard).changed(accountId);
  return result;
}

export const AccountConnection = connectionType(Account, 'Account');

@Resolver(() => Account)
export class AccountResolver {
  @Mutation(() => AuthPayload, {
    description:
      'Signs in; needs no token. UNAUTHENTICATED for a wrong username or password (without saying which); RATE_LIMITED after 10 failures for one username within 15 minutes.',
  })
  login(
    @Arg('username', () => String, { description: 'The sign-in name; case does not matter.' })
    username: string,
    @Arg('password', () => String, { description: "The account's password." })
    password: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    return ctx.services.get(AccountService).login(username, password, ctx.ip);
  }

  @Mutation(() => AuthPayload, {
    description:
      'A new token for the signed-in session, with a fresh expiry; refused once the session is older than JWT_SESSION_MAX_SECONDS (sign in again).',
  })
  refreshToken(@Ctx() ctx: Context): Promise<AuthPayload> {
    requireActor(ctx);
    if (!ctx.session) throw new UnauthenticatedError();
    return ctx.services.get(AccountService).refresh(ctx.session);
  }

  @Mutation(() => AuthPayload, {
    description:
      "Changes the signed-in account's own password, given the current one. Its other tokens stop working; use the returned one.",
  })
  changePassword(
    @Arg('currentPassword', () => String, { description: 'The password it has now.' })
    currentPassword: string,
    @Arg('newPassword', () => String, {
      description: '8 to 200 characters. Stored only as a hash.',
    })
    newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<AuthPayload> {
    const actor = requireActor(ctx);
    return revokes(
      ctx,
      actor.accountId,
      ctx.services.get(AccountService).changePassword(actor, currentPassword, newPassword, ctx.ip),
    );
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Account, {
    description:
      'Creates an account. Needs the ADMIN role. BAD_USER_INPUT for a bad username or password, a UNIT_MANAGER without unitId or a MEMBER without personId; NOT_FOUND for an unknown unit or person; CONFLICT when the username is taken.',
  })
  createAccount(
    @Arg('input', () => CreateAccountInput, { description: 'The account to create.' })
    input: CreateAccountInput,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return ctx.services.get(AccountService).create(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Account, {
    description: "Sets another password for an account (ADMIN); the account's tokens stop working.",
  })
  resetPassword(
    @Arg('id', () => ID, { description: 'The account whose password to set.' }) id: string,
    @Arg('newPassword', () => String, {
      description: '8 to 200 characters. Stored only as a hash; tell its owner another way.',
    })
    newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return revokes(ctx, id, ctx.services.get(AccountService).resetPassword(id, newPassword));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Account, {
    description:
      'Disables an account (ADMIN): it cannot sign in and its tokens and WebSockets stop at once. Not your own, nor the last enabled ADMIN.',
  })
  disableAccount(
    @Arg('id', () => ID, { description: 'The account to disable.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return revokes(
      ctx,
      id,
      ctx.services.get(AccountService).setDisabled(requireActor(ctx), id, true),
    );
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Account, { description: 'Enables a disabled account again (ADMIN).' })
  enableAccount(
    @Arg('id', () => ID, { description: 'The account to enable.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return revokes(
      ctx,
      id,
      ctx.services.get(AccountService).setDisabled(requireActor(ctx), id, false),
    );
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Account, {
    description:
      "Changes an account's role and the unit or person it needs (ADMIN); its tokens stop working. Never leaves no enabled ADMIN.",
  })
  updateAccountAccess(
    @Arg('id', () => ID, { description: 'The account to change.' }) id: string,
    @Arg('input', () => UpdateAccountAccessInput, {
      description: 'Its new role, with the unit or person that role needs.',
    })
    input: UpdateAccountAccessInput,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return revokes(ctx, id, ctx.services.get(AccountService).updateAccess(id, input));
  }

  @Authorized(Role.ADMIN)
  @Query(() => AccountConnection, { description: 'Accounts by username (ADMIN).' })
  accounts(
    @Ctx() ctx: Context,
    @Arg('filter', () => AccountFilter, {
      nullable: true,
      description: 'Which accounts; all without one.',
    })
    filter?: AccountFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Account>> {
    return ctx.services.get(AccountService).list(filter, { first: first ?? 20, after });
  }

  @Query(() => Account, {
    nullable: true,
    description: 'The signed-in account; null without a token.',
  })
  viewer(@Ctx() ctx: Context): Promise<Account | null> | null {
    return ctx.actor ? ctx.loaders.byId(Account).load(ctx.actor.accountId) : null;
  }

  @Query(() => Person, { nullable: true, description: "The signed-in member's own profile." })
  me(@Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Person | null> | null {
    return ctx.actor?.personId ? readById(ctx, info, Person, ctx.actor.personId) : null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit a UNIT_MANAGER manages.' })
  unit(@Root() account: Account, @Ctx() ctx: Context): Promise<Unit | null> | null {
    return account.unitId ? ctx.loaders.byId(Unit).load(account.unitId) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person a MEMBER is.' })
  person(@Root() account: Account, @Ctx() ctx: Context): Promise<Person | null> | null {
    return account.personId ? ctx.loaders.byId(Person).load(account.personId) : null;
  }
}
