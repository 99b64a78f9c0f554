import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';
import { Account, Role } from './account.entity';

@InputType({ description: 'A new account, for createAccount.' })
export class CreateAccountInput {
  @Field({
    description:
      'The sign-in name: 3 to 60 letters, digits, dots, dashes or underscores; unique ignoring case (CONFLICT when taken).',
  })
  username!: string;

  @Field({ description: '8 to 200 characters. Stored only as a hash, never returned.' })
  password!: string;

  @Field(() => Role, { description: 'What the account may do.' })
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'The unit a UNIT_MANAGER manages; required for that role.',
  })
  unitId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The person a MEMBER is; required for that role.',
  })
  personId?: string | null;
}

@InputType({ description: 'What an account may do: its role, and the unit or person it needs.' })
export class UpdateAccountAccessInput {
  @Field(() => Role, { description: 'The role it gets.' })
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

  @Field(() => Role, { nullable: true, description: 'Accounts of this role.' })
  role?: Role | null;

  @Field(() => ID, { nullable: true, description: 'UNIT_MANAGER accounts of this unit.' })
  unitId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: disabled ones; false: enabled ones.',
  })
  disabled?: boolean | null;
}

@ObjectType({
  description:
    'What login returns: a token, valid for a limited time, and the account it signs in as.',
})
export class AuthPayload {
  @Field({
    description:
      'Send as `Authorization: Bearer <token>`, or as connectionParams.authorization over WebSocket.',
  })
  token!: string;

  @Field(() => DateTimeScalar, {
    description:
      'When the token stops working (JWT_TTL_SECONDS after it was issued): get a new one with refreshToken before then.',
  })
  expiresAt!: Date;

  @Field(() => Account, { description: 'The account signed in.' })
  account!: Account;
}
