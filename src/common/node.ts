import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType({ description: 'Anything with a stable, globally unique id (a UUID).' })
export abstract class Node {
  @Field(() => ID, {
    description: 'A UUID, unique across all types: node(id:) finds the object by it.',
  })
  id!: string;
}
