import type { DataSource } from 'typeorm';
import { Gender, Person, PersonCategory } from '../../../src/modules/people/person.entity';
import type { Unit } from '../../../src/modules/units/unit.entity';
import { insertRow, unique } from './rows';
import { buildUnit } from './units';

/** Inserts a person: a civil servant of `unit` (a new unit when not given). */
export async function buildPerson(
  dataSource: DataSource,
  overrides: Partial<Omit<Person, 'id' | 'unitId'>> & { unit?: Unit } = {},
): Promise<Person> {
  const { unit = await buildUnit(dataSource), ...fields } = overrides;
  return insertRow(dataSource, Person, {
    fullName: `Người ${unique()}`,
    gender: Gender.FEMALE,
    position: null,
    category: PersonCategory.CIVIL_SERVANT,
    isLeader: false,
    partyMember: false,
    avatarUrl: null,
    ...fields,
    unitId: unit.id,
  });
}

/** Who holds an achievement or receives an award: a person or a unit, never both. */
export interface Holder {
  person?: Person;
  unit?: Unit;
}

/**
 * The holder columns of an achievement or an award: the person or the unit
 * (a new person when neither is given), and the unit the holder belongs to.
 * Throws when both are given.
 */
export async function holderColumns(
  dataSource: DataSource,
  { person, unit }: Holder,
): Promise<{ personId: string | null; unitId: string | null; unitOf: string }> {
  if (person && unit) throw new Error('Give a person or a unit, not both');
  if (unit) return { personId: null, unitId: unit.id, unitOf: unit.id };
  const holder = person ?? (await buildPerson(dataSource));
  return { personId: holder.id, unitId: null, unitOf: holder.unitId };
}
