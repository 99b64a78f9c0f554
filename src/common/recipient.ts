import { createUnionType } from 'type-graphql';
import { BadInputError, NotFoundError } from '../errors';
import { msg } from '../i18n/i18n';
import { Person } from '../modules/people/person.entity';
import { Unit } from '../modules/units/unit.entity';
import { parseOptionalId } from './ids';
import type { Loaders } from './loaders';

export const Recipient = createUnionType({
  name: 'Recipient',
  description:
    'Who holds an achievement or receives an award: a Person (an individual) or a Unit (a collective).',
  types: () => [Person, Unit] as const,
  resolveType: (value) => (value instanceof Person ? Person : Unit),
});

/** A recipient as an input names it: a person or, as a collective, a unit. */
export type RecipientIds =
  { personId: string; unitId: undefined } | { personId: undefined; unitId: string };

/**
 * The `personId` and `unitId` of an input, exactly one of which is given.
 * BAD_USER_INPUT (`input.oneRecipient`, on the field left to fix) when both
 * or neither are, or (from parseId) when one is not an id.
 */
export function readRecipient(input: {
  personId?: string | null;
  unitId?: string | null;
}): RecipientIds {
  const personId = parseOptionalId(input.personId, 'personId');
  const unitId = parseOptionalId(input.unitId, 'unitId');
  if (personId !== undefined && unitId === undefined) return { personId, unitId };
  if (unitId !== undefined && personId === undefined) return { personId, unitId };
  throw new BadInputError(msg('input.oneRecipient'), { field: personId ? 'unitId' : 'personId' });
}

/**
 * The person or unit a row names (`personId`, else `unitId`), read through
 * the request's loaders, for a `recipient` field. NOT_FOUND when it is gone.
 */
export async function recipientOf(
  loaders: Loaders,
  row: { personId: string | null; unitId: string | null },
): Promise<Person | Unit> {
  if (row.personId) {
    const person = await loaders.byId(Person).load(row.personId);
    if (!person) throw new NotFoundError('Person', row.personId);
    return person;
  }
  const unit = row.unitId ? await loaders.byId(Unit).load(row.unitId) : null;
  if (!unit) throw new NotFoundError('Unit', row.unitId ?? '');
  return unit;
}
