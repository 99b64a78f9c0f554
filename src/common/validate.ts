import { BadInputError } from '../errors';

/**
 * Trims a required text input and checks its length.
 * Throws BAD_USER_INPUT naming the field when it is empty or longer than `max`.
 */
export function requiredText(value: string, field: string, max = 200): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadInputError(`${field} must not be empty`, { field });
  if (trimmed.length > max)
    throw new BadInputError(`${field} must be at most ${max} characters`, { field });
  return trimmed;
}

/** Like requiredText for an optional input: undefined stays undefined, blank becomes null. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max = 2000,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (trimmed.length > max)
    throw new BadInputError(`${field} must be at most ${max} characters`, { field });
  return trimmed;
}

/** Checks a calendar year is plausible (1945..2200). */
export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < 1945 || year > 2200) {
    throw new BadInputError(`${field} must be a year between 1945 and 2200`, { field });
  }
  return year;
}

/** Checks an optional URL is http(s). */
export function optionalUrl(
  value: string | null | undefined,
  field: string,
): string | null | undefined {
  const text = optionalText(value, field, 2000);
  if (!text) return text;
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text;
  } catch {
    // reported below
  }
  throw new BadInputError(`${field} must be an http or https URL`, { field });
}
