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
import { parseId } from '../../common/ids';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { Unit } from '../units/unit.entity';
import { Person } from './person.entity';
import { CreatePersonInput, PersonFilter, UpdatePersonInput } from './person.inputs';
import { PersonService } from './person.service';
import type { GraphQLResolveInfo } from 'graphql';
import { readById, readWithPage } from '../../plan/read-planner';

export const PersonConnection = connectionType(Person, 'Person');

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, {
    nullable: true,
    description: 'A person by id; null when there is none. Any signed-in role.',
  })
  person(
    @Arg('id', () => ID, { description: "The person's id (BAD_USER_INPUT when not a UUID)." })
    id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Person | null> {
    return readById(ctx, info, Person, parseId(id));
  }

  @Query(() => PersonConnection, {
    description:
      'People by name (with a search, by name ignoring diacritics and case). Any signed-in role.',
  })
  people(
    @Ctx() ctx: Context,
    @Arg('filter', () => PersonFilter, {
      nullable: true,
      description: 'Narrows the list; without it, everyone.',
    })
    filter?: PersonFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<Person>> {
    return ctx.services
      .get(PersonService)
      .list(filter, { first: first ?? 20, after }, info && readWithPage(ctx, info, Person));
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Person, {
    description:
      'Adds a person to a unit. Needs the UNIT_MANAGER role, within its unit and subunits (FORBIDDEN elsewhere). NOT_FOUND for an unknown unit; BAD_USER_INPUT for a blank name or a bad avatarUrl.',
  })
  createPerson(
    @Arg('input', () => CreatePersonInput, { description: 'The person to add.' })
    input: CreatePersonInput,
    @Ctx() ctx: Context,
  ): Promise<Person> {
    return ctx.services.get(PersonService).create(requireActor(ctx), input);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Person, {
    description:
      'Edits a person or moves them to another unit. Needs the UNIT_MANAGER role, for people of its unit and subunits; a move needs the new unit in scope too (FORBIDDEN otherwise). NOT_FOUND for an unknown person.',
  })
  updatePerson(
    @Arg('id', () => ID, { description: 'The person to change.' }) id: string,
    @Arg('input', () => UpdatePersonInput, { description: 'The changes.' })
    input: UpdatePersonInput,
    @Ctx() ctx: Context,
  ): Promise<Person> {
    return ctx.services.get(PersonService).update(requireActor(ctx), id, input);
  }

  @FieldResolver(() => Unit, { description: 'The unit the person belongs to.' })
  async unit(@Root() person: Person, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(person.unitId)) as Unit;
  }
}

/** Unit.members: a page of the people of a unit, batched across units. */
@Resolver(() => Unit)
export class UnitMembersResolver {
  @FieldResolver(() => PersonConnection, {
    description:
      'People whose unit is this one (not its subunits), by name. For the whole subtree use people(filter: {unitId, includeSubunits: true}).',
  })
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
