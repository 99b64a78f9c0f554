import { BadInputError } from '../errors';
import { msg } from '../i18n/i18n';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a UUID. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Checks a client-supplied id and returns it lower-cased.
 * Throws BAD_USER_INPUT naming the argument when it is not a UUID.
 */
export function parseId(value: string, argument = 'id'): string {
  if (!isUuid(value)) throw invalidId(value, argument);
  return value.toLowerCase();
}

/** BAD_USER_INPUT for `value`, which is not an id, naming `argument` and the value's first 60 characters. */
export function invalidId(value: string, argument = 'id'): BadInputError {
  return new BadInputError(msg('input.badId', { field: argument, value: value.slice(0, 60) }), {
    field: argument,
  });
}

/** parseId for an optional argument. */
export function parseOptionalId(
  value: string | null | undefined,
  argument: string,
): string | undefined {
  return value === null || value === undefined ? undefined : parseId(value, argument);
}
