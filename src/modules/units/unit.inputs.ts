import { Field, ID, InputType } from 'type-graphql';
import { UnitKind } from './unit.entity';

@InputType()
export class UnitFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Matches code or name, ignoring case and Vietnamese diacritics.',
  })
  search?: string | null;

  @Field(() => UnitKind, { nullable: true })
  kind?: UnitKind | null;

  @Field(() => ID, { nullable: true, description: 'Only direct children of this unit.' })
  parentId?: string | null;
}

@InputType()
export class CreateUnitInput {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => UnitKind)
  kind!: UnitKind;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;
}

@InputType()
export class UpdateUnitInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => UnitKind, { nullable: true })
  kind?: UnitKind | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;
}
