import { Field, ID, InputType, ObjectType } from 'type-graphql';
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

  @Field(() => Account, { description: 'The account signed in.' })
  account!: Account;
}
