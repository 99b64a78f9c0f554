import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

@InputType({ description: 'Which audit entries to list; every field narrows the list.' })
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Made by this account.' })
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'Made by (or signing in as) this username.' })
  username?: string | null;

  @Field(() => String, { nullable: true, description: 'This mutation, e.g. `login`.' })
  operation?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'This outcome: `OK`, or an error code such as `FORBIDDEN`.',
  })
  outcome?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only refused or failed mutations.' })
  failed?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Naming this id among its targets.' })
  targetId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Before this time.' })
  to?: Date | null;
}
