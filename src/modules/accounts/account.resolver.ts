import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../context';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Account, Role } from './account.entity';
import { AuthPayload, CreateAccountInput } from './account.inputs';
import { AccountService } from './account.service';
import type { GraphQLResolveInfo } from 'graphql';
import { readById } from '../../plan/read-planner';

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
    return ctx.services.get(AccountService).login(username, password);
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
