import { Field, ID, InputType, ObjectType } from 'type-graphql';
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

@ObjectType()
export class AuthPayload {
  @Field({
    description:
      'Send as `Authorization: Bearer <token>`, or as connectionParams.authorization over WebSocket.',
  })
  token!: string;

  @Field(() => Account)
  account!: Account;
}
