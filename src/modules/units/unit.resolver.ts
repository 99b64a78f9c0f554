import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
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

export const UnitConnection = connectionType(Unit, 'Unit');

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => Unit, { nullable: true })
  unit(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Unit | null> {
    return ctx.loaders.byId(Unit).load(parseId(id));
  }

  @Query(() => UnitConnection)
  units(
    @Ctx() ctx: Context,
    @Arg('filter', () => UnitFilter, { nullable: true }) filter?: UnitFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ) {
    return ctx.services.get(UnitService).list(filter, { first: first ?? 20, after });
  }

  @Authorized(Role.SECRETARY, Role.UNIT_MANAGER)
  @Mutation(() => Unit)
  createUnit(
    @Arg('input', () => CreateUnitInput) input: CreateUnitInput,
    @Ctx() ctx: Context,
  ): Promise<Unit> {
    return ctx.services.get(UnitService).create(requireActor(ctx), input);
  }

  @Authorized(Role.SECRETARY, Role.UNIT_MANAGER)
  @Mutation(() => Unit)
  updateUnit(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUnitInput) input: UpdateUnitInput,
    @Ctx() ctx: Context,
  ): Promise<Unit> {
    return ctx.services.get(UnitService).update(requireActor(ctx), id, input);
  }

  @FieldResolver(() => Unit, { nullable: true })
  parent(@Root() unit: Unit, @Ctx() ctx: Context): Promise<Unit | null> | null {
    return unit.parentId ? ctx.loaders.byId(Unit).load(unit.parentId) : null;
  }

  @FieldResolver(() => [Unit])
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
