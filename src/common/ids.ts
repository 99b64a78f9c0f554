import { BadInputError } from '../errors';

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
  if (!isUuid(value))
    throw new BadInputError(`${argument} is not a valid id: ${JSON.stringify(value.slice(0, 60))}`);
  return value.toLowerCase();
}

/** parseId for an optional argument. */
export function parseOptionalId(
  value: string | null | undefined,
  argument: string,
): string | undefined {
  return value === null || value === undefined ? undefined : parseId(value, argument);
}
