import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import {
  GraphQLError,
  GraphQLScalarType,
  type GraphQLScalarTypeConfig,
  type ValueNode,
} from 'graphql';
import { BadInputError } from '../errors';
import { msg } from '../i18n/i18n';

/**
 * The dates this service accepts from clients: from the birth of the oldest
 * person on record to well past any plan. `0001-01-01` or `9999-12-31` is a
 * mistake (or a probe), never a date in emulation work.
 */
export const DATE_BOUNDS = { min: '1900-01-01', max: '2200-12-31' };

/**
 * `base` with a check on the values clients send: BAD_USER_INPUT outside
 * DATE_BOUNDS. `dateOf` reads the calendar date (YYYY-MM-DD) of a parsed value.
 */
function bounded<T>(
  base: GraphQLScalarTypeConfig<T, unknown>,
  description: string,
  dateOf: (value: T) => string,
): GraphQLScalarType {
  const check = (value: T): T => {
    const date = dateOf(value);
    if (date < DATE_BOUNDS.min || date > DATE_BOUNDS.max) {
      throw new BadInputError(
        msg('input.dateOutOfRange', { value: date, min: DATE_BOUNDS.min, max: DATE_BOUNDS.max }),
      );
    }
    return value;
  };
  return new GraphQLScalarType<T, unknown>({
    ...base,
    description,
    parseValue: (value) => check(base.parseValue!(value)),
    parseLiteral: (node: ValueNode, variables) => {
      const value = base.parseLiteral!(node, variables);
      try {
        return check(value);
      } catch (error) {
        // A literal is checked during validation: report it at its place in the document.
        throw new GraphQLError((error as Error).message, {
          nodes: node,
          extensions: (error as GraphQLError).extensions,
        });
      }
    },
  });
}

/** An ISO-8601 date-time with offset, e.g. 2025-08-27T14:00:00.000Z. Values are JS Dates. */
export const DateTimeScalar = bounded<Date>(
  GraphQLDateTime.toConfig() as GraphQLScalarTypeConfig<Date, unknown>,
  'An ISO-8601 date-time with offset, e.g. 2025-08-27T14:00:00.000Z',
  (value) => (Number.isNaN(value.getTime()) ? '0000-00-00' : value.toISOString().slice(0, 10)),
);

/** An ISO-8601 calendar date, e.g. 2025-08-27. Values are 'YYYY-MM-DD' strings, as PostgreSQL `date` is read. */
export const LocalDateScalar = bounded<string>(
  GraphQLLocalDate.toConfig() as GraphQLScalarTypeConfig<string, unknown>,
  'An ISO-8601 calendar date, e.g. 2025-08-27',
  (value) => value,
);
