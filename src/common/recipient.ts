import { createUnionType } from 'type-graphql';
import { Person } from '../modules/people/person.entity';
import { Unit } from '../modules/units/unit.entity';

export const Recipient = createUnionType({
  name: 'Recipient',
  description:
    'Who holds an achievement or receives an award: a Person (an individual) or a Unit (a collective).',
  types: () => [Person, Unit] as const,
  resolveType: (value) => (value instanceof Person ? Person : Unit),
});
