import {
  getNamedType,
  getNullableType,
  GraphQLString,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { checkText } from './validate';

/**
 * Checks every String argument of every field, nested in input objects and
 * lists included, before its resolver runs: a NUL or control character is
 * BAD_USER_INPUT naming the argument (PostgreSQL refuses NUL, and nothing
 * this service stores has a use for the others), wherever the text goes —
 * a name, a search, a username. Only fields that take text are wrapped, so
 * the others cost nothing. Changes `schema` in place and returns it.
 */
export function guardTextArguments(schema: GraphQLSchema): GraphQLSchema {
  const takesText = new Map<GraphQLInputType, boolean>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const texts = field.args.filter((arg) => holdsText(arg.type, takesText));
      if (texts.length === 0) continue;
      const guard =
        <S, C>(resolver: GraphQLFieldResolver<S, C>): GraphQLFieldResolver<S, C> =>
        (source, args, context, info) => {
          for (const arg of texts) checkValue(args[arg.name], arg.type, arg.name);
          return resolver(source, args, context, info);
        };
      if (field.resolve) field.resolve = guard(field.resolve);
      if (field.subscribe) field.subscribe = guard(field.subscribe);
    }
  }
  return schema;
}

/** Whether values of `type` can hold a String somewhere. */
function holdsText(type: GraphQLInputType, known: Map<GraphQLInputType, boolean>): boolean {
  const named = getNamedType(type);
  if (named === GraphQLString) return true;
  if (!isInputObjectType(named)) return false;
  const cached = known.get(named);
  if (cached !== undefined) return cached;
  known.set(named, false); // a recursive input type is decided by its other fields
  const result = Object.values(named.getFields()).some((field) => holdsText(field.type, known));
  known.set(named, result);
  return result;
}

function checkValue(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => checkValue(item, nullable.ofType, `${path}[${i}]`));
    }
    return;
  }
  if (nullable === GraphQLString) {
    if (typeof value === 'string') checkText(value, path);
    return;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    for (const field of Object.values(nullable.getFields())) {
      checkValue(
        (value as Record<string, unknown>)[field.name],
        field.type,
        `${path}.${field.name}`,
      );
    }
  }
}
