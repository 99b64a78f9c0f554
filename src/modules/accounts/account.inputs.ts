import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';
import { Account, Role } from './account.entity';

@InputType()
export class CreateAccountInput {
  @Field()
  username!: string;

  @Field()
  password!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;
}

@InputType({ description: 'What an account may do: its role, and the unit or person it needs.' })
export class UpdateAccountAccessInput {
  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'The unit a UNIT_MANAGER manages (required).' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person a MEMBER is (required).' })
  personId?: string | null;
}

@InputType({ description: 'Which accounts to list; every field narrows the list.' })
export class AccountFilter {
  @Field(() => String, { nullable: true, description: 'Part of the username, in any case.' })
  search?: string | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => ID, { nullable: true, description: 'UNIT_MANAGER accounts of this unit.' })
  unitId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: disabled ones; false: enabled ones.',
  })
  disabled?: boolean | null;
}

@ObjectType()
export class AuthPayload {
  @Field({
    description:
      'Send as `Authorization: Bearer <token>`, or as connectionParams.authorization over WebSocket. It expires at `expiresAt`: get a new one with `refreshToken` before then.',
  })
  token!: string;

  @Field(() => DateTimeScalar, { description: 'When the token stops working.' })
  expiresAt!: Date;

  @Field(() => Account)
  account!: Account;
}
