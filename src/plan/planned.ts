import {
  defaultFieldResolver,
  isObjectType,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { Relations } from './relations';

/** Where an object made by the read planner keeps what was read for its fields. */
const PLANNED = Symbol('planned');

type Planned = Map<FieldNode, unknown>;

/** Records on `target` the values read for its fields, by the fields' first nodes. */
export function attachPlanned(target: object, values: Planned): void {
  const existing = (target as { [PLANNED]?: Planned })[PLANNED];
  if (existing) for (const [node, value] of values) existing.set(node, value);
  else Object.defineProperty(target, PLANNED, { value: values, enumerable: false });
}

/**
 * Makes every planned field (`relations`) return what the read planner read
 * for it when its parent object carries that, and run its resolver
 * otherwise (objects from DataLoaders, mutations, subscriptions). The check
 * is one map lookup, done before TypeGraphQL's own wrapper, so a planned
 * field costs no promise and no middleware. Throws at start if a planned
 * field has roles or middlewares, which this would skip.
 */
export function servePlannedFields(schema: GraphQLSchema, relations: Relations): GraphQLSchema {
  const storage = getMetadataStorage();
  const typeName = (target: unknown) =>
    storage.objectTypes.find((type) => type.target === target)?.name;
  const guarded = new Set([
    ...storage.fieldResolvers
      .filter((field) => field.roles !== undefined || field.middlewares?.length)
      .map((field) => `${typeName(field.getObjectType?.())}.${field.schemaName}`),
    ...storage.fields
      .filter((field) => field.roles !== undefined || field.middlewares?.length)
      .map((field) => `${typeName(field.target)}.${field.schemaName}`),
  ]);
  for (const [name, fields] of Object.entries(relations)) {
    const type = schema.getType(name);
    if (!isObjectType(type)) throw new Error(`read plans: ${name} is not an object type`);
    for (const fieldName of Object.keys(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`read plans: ${name} has no field ${fieldName}`);
      if (guarded.has(`${name}.${fieldName}`))
        throw new Error(`read plans: ${name}.${fieldName} has roles or middlewares`);
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (root, args, context, info) => {
        const planned = (root as { [PLANNED]?: Planned } | null)?.[PLANNED];
        if (planned !== undefined) {
          const node = info.fieldNodes[0]!;
          const value = planned.get(node);
          if (value !== undefined || planned.has(node)) return value;
        }
        return resolve(root, args, context, info);
      };
    }
  }
  return schema;
}
