import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Gender, Person, PersonCategory } from '../../src/modules/people/person.entity';
import { Unit, UnitKind } from '../../src/modules/units/unit.entity';

const unique = () => randomBytes(4).toString('hex').toUpperCase();

/** Inserts a unit (under `parent` when given) with a unique code. */
export async function buildUnit(
  dataSource: DataSource,
  overrides: Partial<Pick<Unit, 'code' | 'name' | 'kind'>> & { parent?: Unit | null } = {},
): Promise<Unit> {
  const { parent, ...fields } = overrides;
  const id = (await dataSource.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
  const unit = dataSource.getRepository(Unit).create({
    id,
    code: `U-${unique()}`,
    name: `Unit ${unique()}`,
    kind: UnitKind.DIVISION,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: (parent?.depth ?? -1) + 1,
    ...fields,
  });
  await dataSource.getRepository(Unit).insert(unit);
  return unit;
}

/** Inserts a person in `unit`. */
export async function buildPerson(
  dataSource: DataSource,
  unit: Unit,
  overrides: Partial<Omit<Person, 'id' | 'unitId'>> = {},
): Promise<Person> {
  const person = dataSource.getRepository(Person).create({
    fullName: `Người ${unique()}`,
    gender: Gender.FEMALE,
    position: null,
    category: PersonCategory.CIVIL_SERVANT,
    isLeader: false,
    partyMember: false,
    avatarUrl: null,
    unitId: unit.id,
    ...overrides,
  });
  await dataSource.getRepository(Person).insert(person);
  return person;
}
