import { Field, ID, InputType } from 'type-graphql';
import { UnitKind } from './unit.entity';

@InputType({ description: 'Narrows a list of units: every criterion given must hold.' })
export class UnitFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Matches code or name, ignoring case and Vietnamese diacritics.',
  })
  search?: string | null;

  @Field(() => UnitKind, { nullable: true, description: 'Only units of this kind.' })
  kind?: UnitKind | null;

  @Field(() => ID, { nullable: true, description: 'Only direct children of this unit.' })
  parentId?: string | null;
}

@InputType({ description: 'A new unit, for createUnit.' })
export class CreateUnitInput {
  @Field({
    description:
      'Short code, unique ignoring case, e.g. LS-TGDV-VP: letters, digits, dots, dashes and underscores, at most 40 characters. CONFLICT when taken.',
  })
  code!: string;

  @Field({ description: 'Full name, at most 200 characters.' })
  name!: string;

  @Field(() => UnitKind, { description: 'What kind of unit it is.' })
  kind!: UnitKind;

  @Field(() => ID, {
    nullable: true,
    description:
      'The unit it belongs to. Omit to create a root unit, which only ADMIN and SECRETARY may do.',
  })
  parentId?: string | null;
}

@InputType({
  description: 'Changes to a unit, for updateUnit: fields left out or null stay as they are.',
})
export class UpdateUnitInput {
  @Field(() => String, {
    nullable: true,
    description: 'New full name, at most 200 characters; not blank.',
  })
  name?: string | null;

  @Field(() => UnitKind, { nullable: true, description: 'New kind.' })
  kind?: UnitKind | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Moves the unit, with its whole subtree, under this unit. BAD_USER_INPUT for the unit itself or one of its subunits.',
  })
  parentId?: string | null;
}
