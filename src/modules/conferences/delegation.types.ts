import { Field, Int, ObjectType } from 'type-graphql';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { DelegateRole } from './delegation.entity';

/** A quota of a delegation, with the seats used. */
@ObjectType('DelegationQuota', {
  description: 'The seats of one unit in a delegation, and how many are taken.',
})
export class DelegationQuotaView {
  @Field(() => Unit, { description: 'The unit; delegates of its subunits count toward it too.' })
  unit!: Unit;

  @Field(() => Int, { description: 'Seats for official delegates.' })
  seats!: number;

  @Field(() => Int, { description: 'Official delegates under it now.' })
  used!: number;
}

/** Someone on a delegation's list. */
@ObjectType({ description: "Someone on a delegation's list, with their role." })
export class Delegate {
  @Field(() => Person, { description: 'The person.' })
  person!: Person;

  @Field(() => DelegateRole, { description: 'Official delegate or guest.' })
  role!: DelegateRole;

  @Field(() => Int, { description: 'Place in the list, from 1.' })
  position!: number;
}
