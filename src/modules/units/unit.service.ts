import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertUnitInScope } from '../../auth/scope';
import {
  paginate,
  type Connection,
  type PageArgs,
  type PageOrder,
  type RowExtension,
} from '../../common/connection';
import { parseId, parseOptionalId } from '../../common/ids';
import { lockById } from '../../common/locks';
import { searchPattern } from '../../common/search';
import type { ServiceDeps } from '../../common/services';
import { query, sql } from '../../common/sql';
import { requiredName, requiredText } from '../../common/validate';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  isUniqueViolation,
  NotFoundError,
} from '../../errors';
import { msg } from '../../i18n/i18n';
import { Role } from '../accounts/account.entity';
import { Unit } from './unit.entity';
import type { CreateUnitInput, UnitFilter, UpdateUnitInput } from './unit.inputs';

const UNIT_ORDER: PageOrder<Unit> = { keys: ['path', 'id'], direction: 'ASC' };

/** The advisory lock that orders changes to the unit tree's paths. */
const TREE_LOCK = 'unit-tree';

/** Roles that manage units anywhere; a UNIT_MANAGER manages its own subtree. */
const UNIT_ADMINS = [Role.SECRETARY];

/** Units and their tree: listing, search, creation, renaming and moving. */
export class UnitService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /** Units in tree order (root first, depth-first), filtered by search, kind and parent. */
  async list(
    filter: UnitFilter | null | undefined,
    page: PageArgs,
    extension?: RowExtension<Unit>,
  ): Promise<Connection<Unit>> {
    const pattern = searchPattern(filter?.search);
    const parentId = parseOptionalId(filter?.parentId, 'filter.parentId');
    const where = sql.and(
      pattern &&
        sql`(immutable_unaccent(t.name) || ' ' || immutable_unaccent(t.code)) LIKE immutable_unaccent(${pattern})`,
      filter?.kind && sql`t.kind = ${filter.kind}`,
      parentId && sql`t.parent_id = ${parentId}`,
    );
    return paginate(this.dataSource.manager, Unit, page, { order: UNIT_ORDER, where }, extension);
  }

  /** Number of people directly in each unit, for the Unit.headcount loader. */
  async headcounts(unitIds: readonly string[]): Promise<number[]> {
    const rows = await query<{ unit_id: string; n: number }>(
      this.dataSource,
      sql`SELECT unit_id, count(*)::int AS n FROM person
           WHERE unit_id = ANY(${[...unitIds]}) GROUP BY unit_id`,
    );
    const counts = new Map(rows.map((r) => [r.unit_id, r.n]));
    return unitIds.map((id) => counts.get(id) ?? 0);
  }

  /**
   * Creates a unit under `parentId` (or a root unit, which only ADMIN and
   * SECRETARY may create). CONFLICT when the code is taken.
   */
  async create(actor: Actor, input: CreateUnitInput): Promise<Unit> {
    const code = requiredText(input.code, 'code', 40);
    const name = requiredName(input.name, 'name', 200);
    if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(code)) {
      throw new BadInputError(msg('unit.codeFormat'), { field: 'code' });
    }
    const parentId = parseOptionalId(input.parentId, 'parentId');
    return this.dataSource.transaction(async (manager) => {
      // Shared with other creations, exclusive with moves: the parent's path read
      // below cannot be rewritten by a move before this unit is committed under it.
      await query(manager, sql`SELECT pg_advisory_xact_lock_shared(hashtext(${TREE_LOCK}))`);
      let parent: Unit | null = null;
      if (parentId) {
        await assertUnitInScope(manager, actor, parentId, UNIT_ADMINS);
        parent = await manager.findOneBy(Unit, { id: parentId });
        if (!parent) throw new NotFoundError('Unit', parentId);
      } else if (actor.role !== Role.ADMIN && actor.role !== Role.SECRETARY) {
        throw new ForbiddenError(msg('unit.topLevelForbidden'));
      }
      const [{ id }] = await query<{ id: string }>(manager, sql`SELECT gen_random_uuid() AS id`);
      const unit = manager.create(Unit, {
        id,
        code,
        name,
        kind: input.kind,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
      });
      try {
        await manager.insert(Unit, unit);
      } catch (error) {
        if (isUniqueViolation(error, 'unit_code_key'))
          throw new ConflictError(msg('unit.codeTaken', { code }));
        throw error;
      }
      return unit;
    });
  }

  /**
   * Renames, re-kinds or moves a unit. Moving rewrites the paths of its whole
   * subtree in one statement; a parent inside the unit's own subtree would
   * make a cycle and is BAD_USER_INPUT. A UNIT_MANAGER edits the subunits of
   * its unit, not the unit it manages (FORBIDDEN). A null parentId keeps the
   * parent. NOT_FOUND for an unknown unit or parent.
   */
  async update(actor: Actor, rawId: string, input: UpdateUnitInput): Promise<Unit> {
    const id = parseId(rawId);
    const parentId = parseOptionalId(input.parentId, 'parentId');
    const name =
      input.name !== undefined && input.name !== null
        ? requiredName(input.name, 'name', 200)
        : undefined;
    return this.dataSource.transaction(async (manager) => {
      // Moves are serialised, and taken before any row lock: two concurrent moves
      // could otherwise build a cycle between them, or deadlock on each other's rows.
      if (parentId) await query(manager, sql`SELECT pg_advisory_xact_lock(hashtext(${TREE_LOCK}))`);
      const unit = await lockById(manager, Unit, id);
      await assertUnitInScope(manager, actor, id, UNIT_ADMINS);
      if (actor.role === Role.UNIT_MANAGER && actor.unitId === id) {
        throw new ForbiddenError(msg('unit.managerEditsOwnUnit'));
      }
      if (name !== undefined) unit.name = name;
      if (input.kind) unit.kind = input.kind;
      await query(
        manager,
        sql`UPDATE unit SET name = ${unit.name}, kind = ${unit.kind}, updated_at = now() WHERE id = ${id}`,
      );
      if (parentId && parentId !== unit.parentId) await this.move(manager, actor, id, parentId);
      return manager.findOneByOrFail(Unit, { id });
    });
  }

  private async move(
    manager: EntityManager,
    actor: Actor,
    id: string,
    parentId: string,
  ): Promise<void> {
    await assertUnitInScope(manager, actor, parentId, UNIT_ADMINS);
    const unit = await manager.findOneByOrFail(Unit, { id });
    const parent = await manager.findOneByOrFail(Unit, { id: parentId });
    if (parent.path.startsWith(unit.path)) {
      throw new BadInputError(msg('unit.moveUnderItself'), { field: 'parentId' });
    }
    const newPath = `${parent.path}${unit.id}/`;
    const depthShift = parent.depth + 1 - unit.depth;
    await query(
      manager,
      sql`UPDATE unit
             SET path = ${newPath} || substr(path, length(${unit.path}) + 1),
                 depth = depth + ${depthShift}, updated_at = now()
           WHERE path LIKE ${unit.path} || '%'`,
    );
    await manager.update(Unit, { id: unit.id }, { parentId });
  }
}
