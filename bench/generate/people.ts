/** Step `person`: people spread over the units by a headcount weight per level. */
import { randomUUID } from 'node:crypto';
import { CopyWriter } from './bulk';
import type { GenPerson, GenUnit, Generation } from './model';
import {
  FAMILY,
  GIVEN_FEMALE,
  GIVEN_MALE,
  LEADER_POSITIONS,
  MIDDLE_FEMALE,
  MIDDLE_MALE,
  STAFF_POSITIONS,
} from './names';

/** Draws a unit index, deeper units weighing more (a binary search over cumulative weights). */
function unitPicker(gen: Generation, units: GenUnit[]): () => number {
  const headcountWeight = [20, 40, 50, 50, 50];
  const cumulative: number[] = [];
  let total = 0;
  for (const u of units) {
    total += headcountWeight[u.depth] ?? 50;
    cumulative.push(total);
  }
  return () => {
    const r = gen.dice.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

export async function writePeople(gen: Generation, units: GenUnit[]): Promise<GenPerson[]> {
  const { dice } = gen;
  const unitFor = unitPicker(gen, units);
  const people: GenPerson[] = [];
  const copy = CopyWriter.open(gen.main, 'person', ['id', 'full_name', 'gender', 'position', 'category', 'is_leader', 'party_member', 'unit_id']); // prettier-ignore
  for (let i = 0; i < gen.spec.people; i++) {
    const female = dice.chance(0.5);
    const middle = female ? MIDDLE_FEMALE : MIDDLE_MALE;
    const given = female ? GIVEN_FEMALE : GIVEN_MALE;
    const parts = [dice.weighted(FAMILY), dice.pick(middle)];
    if (dice.chance(0.25)) parts.push(dice.pick(middle));
    parts.push(dice.pick(given));
    const leader = dice.chance(0.08);
    const person = { id: randomUUID(), unitIndex: unitFor() };
    people.push(person);
    await copy.add([
      person.id,
      parts.join(' '),
      female ? 'FEMALE' : 'MALE',
      dice.pick(leader ? LEADER_POSITIONS : STAFF_POSITIONS),
      dice.weighted([
        ['CADRE', 15],
        ['CIVIL_SERVANT', 40],
        ['PUBLIC_EMPLOYEE', 30],
        ['WORKER', 15],
      ]),
      leader,
      dice.chance(0.45),
      units[person.unitIndex]!.id,
    ]);
  }
  await copy.end();
  gen.log(`${people.length} people`);
  return people;
}
