import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { GraphQLScalarType } from 'graphql';

/** An ISO-8601 date-time with offset, e.g. 2025-08-27T14:00:00.000Z. Values are JS Dates. */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTime.toConfig(),
  description: 'An ISO-8601 date-time with offset, e.g. 2025-08-27T14:00:00.000Z',
});

/** An ISO-8601 calendar date, e.g. 2025-08-27. Values are 'YYYY-MM-DD' strings, as PostgreSQL `date` is read. */
export const LocalDateScalar = new GraphQLScalarType({
  ...GraphQLLocalDate.toConfig(),
  description: 'An ISO-8601 calendar date, e.g. 2025-08-27',
});
