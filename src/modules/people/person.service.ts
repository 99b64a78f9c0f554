import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertUnitInScope } from '../../auth/scope';
import {
  checkFirst,
  emptyConnection,
  paginate,
  paginateByParent,
  type Connection,
  type PageArgs,
  type PageOrder,
  type PageQuery,
  type RowExtension,
} from '../../common/connection';
import { parseId, parseOptionalId } from '../../common/ids';
import { lockById } from '../../common/locks';
import type { ServiceDeps } from '../../common/services';
import { sql } from '../../common/sql';
import { optionalText, optionalUrl, requiredName } from '../../common/validate';
import { checkDay } from '../../common/dates';
import { BadInputError } from '../../errors';
import { msg } from '../../i18n/i18n';
import { Unit } from '../units/unit.entity';
import { Person, ReportCategory } from './person.entity';
import { PersonSearch } from './person-search';
import type { CreatePersonInput, PersonFilter, UpdatePersonInput } from './person.inputs';

/** People are listed by name, then id (index person_name_order_idx). */
export const PERSON_ORDER: PageOrder<Person> = { keys: ['fullName', 'id'], direction: 'ASC' };

/**
 * Search results are listed by name ignoring diacritics and case (so Đặng
 * sorts with Dang), then name, then id (index person_search_order_idx). A
 * first page decides per term whether to walk that index or sort the trigram
 * index's matches (PersonSearch): PostgreSQL's estimates for `LIKE '%…%'` are
 * rough, and left to itself it may walk the whole order filtering row by row
 * (tens of thousands of rows when the matches sit in the middle of it).
 */
export const PERSON_SEARCH_ORDER: PageOrder<Person> = {
  keys: ['searchName', 'fullName', 'id'],
  direction: 'ASC',
};

/** People: listing and search, profiles, creation and edits within a manager's scope. */
export class PersonService {
  private readonly dataSource: DataSource;
  private readonly search: PersonSearch;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
    this.search = new PersonSearch(deps.dataSource, deps.logger);
  }

  /**
   * People matching the filter, by name. Search ignores case and diacritics
   * (trigram index on search_name, the stored immutable_unaccent(full_name)); a subtree filter is one
   * join on the indexed unit path. BAD_USER_INPUT for a malformed unitId.
   */
  async list(
    filter: PersonFilter | null | undefined,
    page: PageArgs,
    extension?: RowExtension<Person>,
  ): Promise<Connection<Person>> {
    const filtered = await this.filteredQuery(filter);
    if (!filtered) {
      checkFirst(page.first);
      return emptyConnection();
    }
    return paginate(this.dataSource.manager, Person, page, filtered, extension);
  }

  /**
   * The condition behind `list` and its order, before paging (tests EXPLAIN
   * the statements); null when the filter names a unit that does not exist
   * with includeSubunits.
   */
  async filteredQuery(filter: PersonFilter | null | undefined): Promise<PageQuery<Person> | null> {
    const term = PersonSearch.termOf(filter?.search);
    // A search alone: its first page and count the cheap way for the term (see PersonSearch).
    if (term && !filter?.unitId && !filter?.category) {
      return this.search.pageQuery(term, PERSON_SEARCH_ORDER);
    }
    const unitId = parseOptionalId(filter?.unitId, 'filter.unitId');
    let inUnit = unitId ? sql`t.unit_id = ${unitId}` : undefined;
    if (unitId && filter?.includeSubunits) {
      const unit = await this.dataSource.getRepository(Unit).findOneBy({ id: unitId });
      if (!unit) return null;
      // One statement: the unit's subtree through the path index (no walk).
      inUnit = sql`t.unit_id IN (SELECT id FROM unit WHERE path LIKE ${`${unit.path}%`})`;
    }
    const where = sql.and(
      term && PersonSearch.contains(term),
      filter?.category && sql`t.category = ${filter.category}`,
      inUnit,
    );
    return { where, order: term ? PERSON_SEARCH_ORDER : PERSON_ORDER };
  }

  /** A page of the members of each unit, for the Unit.members loader. */
  membersOf(unitIds: readonly string[], page: PageArgs): Promise<Connection<Person>[]> {
    return paginateByParent(this.dataSource.manager, Person, page, {
      parent: 'unitId',
      parentIds: unitIds,
      order: PERSON_ORDER,
    });
  }

  /** Creates a person in a unit the actor manages. */
  async create(actor: Actor, input: CreatePersonInput): Promise<Person> {
    const unitId = parseId(input.unitId, 'unitId');
    const values = {
      fullName: requiredName(input.fullName, 'fullName', 200),
      unitId,
      category: input.category,
      gender: input.gender ?? null,
      position: optionalText(input.position, 'position', 200) ?? null,
      // isLeader defaults to false in the schema: a given reportCategory decides unless isLeader is true.
      ...leadership(input.isLeader || null, input.reportCategory, null),
      partyMember: input.partyMember ?? false,
      avatarUrl: optionalUrl(input.avatarUrl, 'avatarUrl') ?? null,
      recruitedOn: input.recruitedOn ? checkDay(input.recruitedOn, 'recruitedOn') : null,
    };
    return this.dataSource.transaction(async (manager) => {
      await assertUnitInScope(manager, actor, unitId);
      const person = manager.create(Person, values);
      await manager.insert(Person, person);
      return manager.findOneByOrFail(Person, { id: person.id });
    });
  }

  /**
   * Edits a person. A UNIT_MANAGER must manage both the person's current unit
   * and, when moving them, the new one.
   */
  async update(actor: Actor, rawId: string, input: UpdatePersonInput): Promise<Person> {
    const id = parseId(rawId);
    const newUnitId = parseOptionalId(input.unitId, 'unitId');
    return this.dataSource.transaction(async (manager) => {
      const person = await lockById(manager, Person, id);
      await assertUnitInScope(manager, actor, person.unitId);
      if (newUnitId && newUnitId !== person.unitId) {
        await assertUnitInScope(manager, actor, newUnitId);
        person.unitId = newUnitId;
      }
      if (input.fullName !== undefined) {
        if (input.fullName === null)
          throw new BadInputError(msg('input.empty', { field: 'fullName' }), {
            field: 'fullName',
          });
        person.fullName = requiredName(input.fullName, 'fullName', 200);
      }
      if (input.category) person.category = input.category;
      if (input.gender !== undefined) person.gender = input.gender;
      if (input.position !== undefined)
        person.position = optionalText(input.position, 'position', 200) ?? null;
      Object.assign(person, leadership(input.isLeader, input.reportCategory, person));
      if (input.partyMember !== undefined && input.partyMember !== null)
        person.partyMember = input.partyMember;
      if (input.avatarUrl !== undefined)
        person.avatarUrl = optionalUrl(input.avatarUrl, 'avatarUrl') ?? null;
      if (input.recruitedOn !== undefined) {
        person.recruitedOn = input.recruitedOn ? checkDay(input.recruitedOn, 'recruitedOn') : null;
      }
      await manager.save(Person, person);
      return person;
    });
  }
}

/**
 * isLeader and reportCategory, kept consistent: every category but
 * DIRECT_WORKER is a leadership post. What is not given follows what is
 * (or stays as `current` has it); BAD_USER_INPUT when both are given and
 * disagree.
 */
function leadership(
  isLeader: boolean | null | undefined,
  category: ReportCategory | null | undefined,
  current: Pick<Person, 'isLeader' | 'reportCategory'> | null,
): Pick<Person, 'isLeader' | 'reportCategory'> {
  if (category) {
    const leads = category !== ReportCategory.DIRECT_WORKER;
    if (isLeader !== undefined && isLeader !== null && isLeader !== leads) {
      throw new BadInputError(msg('people.leadershipDisagrees'), { field: 'reportCategory' });
    }
    return { isLeader: leads, reportCategory: category };
  }
  if (isLeader === undefined || isLeader === null) {
    return current ?? { isLeader: false, reportCategory: ReportCategory.DIRECT_WORKER };
  }
  const currentLeads = current ? current.reportCategory !== ReportCategory.DIRECT_WORKER : null;
  if (current && currentLeads === isLeader)
    return { isLeader, reportCategory: current.reportCategory };
  return {
    isLeader,
    reportCategory: isLeader ? ReportCategory.DEPUTY_HEAD_AND_ABOVE : ReportCategory.DIRECT_WORKER,
  };
}
