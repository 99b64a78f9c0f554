import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { AfterArg, connectionType, FirstArg } from '../../common/connection';
import { parseId } from '../../common/ids';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { ancestorIds, Unit } from './unit.entity';
import { CreateUnitInput, UnitFilter, UpdateUnitInput } from './unit.inputs';
import { UnitService } from './unit.service';
import type { GraphQLResolveInfo } from 'graphql';
import { readById, readWithPage } from '../../plan/read-planner';

export const UnitConnection = connectionType(Unit, 'Unit');

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => Unit, {
    nullable: true,
    description: 'A unit by id; null when there is none. Any signed-in role.',
  })
  unit(
    @Arg('id', () => ID, { description: "The unit's id (BAD_USER_INPUT when not a UUID)." })
    id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Unit | null> {
    return readById(ctx, info, Unit, parseId(id));
  }

  @Query(() => UnitConnection, {
    description:
      'Units in tree order: each unit comes right before its subunits. Any signed-in role.',
  })
  units(
    @Ctx() ctx: Context,
    @Arg('filter', () => UnitFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every unit.',
    })
    filter?: UnitFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return ctx.services
      .get(UnitService)
      .list(filter, { first: first ?? 20, after }, info && readWithPage(ctx, info, Unit));
  }

  @Authorized(Role.SECRETARY, Role.UNIT_MANAGER)
  @Mutation(() => Unit, {
    description:
      'Creates a unit. Needs the SECRETARY role, or UNIT_MANAGER under its own unit or its subunits (FORBIDDEN elsewhere). NOT_FOUND for an unknown parent; CONFLICT when the code is taken.',
  })
  createUnit(
    @Arg('input', () => CreateUnitInput, { description: 'The unit to create.' })
    input: CreateUnitInput,
    @Ctx() ctx: Context,
  ): Promise<Unit> {
    return ctx.services.get(UnitService).create(requireActor(ctx), input);
  }

  @Authorized(Role.SECRETARY, Role.UNIT_MANAGER)
  @Mutation(() => Unit, {
    description:
      'Renames, re-kinds or moves a unit; a move takes its whole subtree along. Needs the SECRETARY role, or UNIT_MANAGER for the subunits of its unit, not the unit itself (FORBIDDEN). NOT_FOUND for an unknown unit or parent.',
  })
  updateUnit(
    @Arg('id', () => ID, { description: 'The unit to change.' }) id: string,
    @Arg('input', () => UpdateUnitInput, { description: 'The changes.' })
    input: UpdateUnitInput,
    @Ctx() ctx: Context,
  ): Promise<Unit> {
    return ctx.services.get(UnitService).update(requireActor(ctx), id, input);
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The unit this one belongs to; null for a root of the tree.',
  })
  parent(@Root() unit: Unit, @Ctx() ctx: Context): Promise<Unit | null> | null {
    return unit.parentId ? ctx.loaders.byId(Unit).load(unit.parentId) : null;
  }

  @FieldResolver(() => [Unit], { description: 'Direct subunits, by name.' })
  children(@Root() unit: Unit, @Ctx() ctx: Context): Promise<Unit[]> {
    return ctx.loaders.manyBy(Unit, 'parentId', { name: 'ASC', id: 'ASC' }).load(unit.id);
  }

  @FieldResolver(() => [Unit], {
    description: 'Root-first chain of ancestors, not including this unit.',
  })
  async ancestors(@Root() unit: Unit, @Ctx() ctx: Context): Promise<Unit[]> {
    const units = await ctx.loaders.byId(Unit).loadMany(ancestorIds(unit));
    return units.filter((u): u is Unit => u instanceof Unit);
  }

  @FieldResolver(() => Int, {
    description: 'Number of people whose unit is this one (not its subunits).',
  })
  headcount(@Root() unit: Unit, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders
      .get<string, number>('Unit.headcount', (ids) => ctx.services.get(UnitService).headcounts(ids))
      .load(unit.id);
  }
}
