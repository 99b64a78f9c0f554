import { BadInputError } from '../errors';
import { msg } from '../i18n/i18n';

/**
 * Trims a required text input and checks its length.
 * Throws BAD_USER_INPUT naming the field when it is empty or longer than `max`.
 */
export function requiredText(value: string, field: string, max = 200): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadInputError(msg('input.empty', { field }), { field });
  if (trimmed.length > max)
    throw new BadInputError(msg('input.tooLong', { field, max }), { field });
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
    throw new BadInputError(msg('input.tooLong', { field, max }), { field });
  return trimmed;
}

/** The years checkYear accepts. */
const YEARS = { min: 1945, max: 2200 };

/** Checks a calendar year is plausible (1945..2200). */
export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < YEARS.min || year > YEARS.max) {
    throw new BadInputError(msg('input.badYear', { field, ...YEARS }), { field });
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
  throw new BadInputError(msg('input.badUrl', { field }), { field });
}
