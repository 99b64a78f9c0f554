import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import { parseId } from '../../common/ids';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { Unit } from '../units/unit.entity';
import { Person } from './person.entity';
import { CreatePersonInput, PersonFilter, UpdatePersonInput } from './person.inputs';
import { PersonService } from './person.service';

export const PersonConnection = connectionType(Person, 'Person');

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true })
  person(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Person | null> {
    return ctx.loaders.byId(Person).load(parseId(id));
  }

  @Query(() => PersonConnection)
  people(
    @Ctx() ctx: Context,
    @Arg('filter', () => PersonFilter, { nullable: true }) filter?: PersonFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Person>> {
    return ctx.services.get(PersonService).list(filter, { first: first ?? 20, after });
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Person)
  createPerson(
    @Arg('input', () => CreatePersonInput) input: CreatePersonInput,
    @Ctx() ctx: Context,
  ): Promise<Person> {
    return ctx.services.get(PersonService).create(requireActor(ctx), input);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Person)
  updatePerson(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput,
    @Ctx() ctx: Context,
  ): Promise<Person> {
    return ctx.services.get(PersonService).update(requireActor(ctx), id, input);
  }

  @FieldResolver(() => Unit)
  async unit(@Root() person: Person, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(person.unitId)) as Unit;
  }
}

/** Unit.members: a page of the people of a unit, batched across units. */
@Resolver(() => Unit)
export class UnitMembersResolver {
  @FieldResolver(() => PersonConnection)
  members(
    @Root() unit: Unit,
    @Ctx() ctx: Context,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Person>> {
    return ctx.loaders
      .get<string, Connection<Person>>(`Unit.members:${first ?? 20}:${after ?? ''}`, (ids) =>
        ctx.services.get(PersonService).membersOf(ids, { first: first ?? 20, after }),
      )
      .load(unit.id);
  }
}
