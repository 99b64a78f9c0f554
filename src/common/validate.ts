import { BadInputError } from '../errors';
import { msg } from '../i18n/i18n';

/**
 * Characters no text of this service may hold: NUL (PostgreSQL refuses it
 * outright), the other C0 controls but tab, line feed and carriage return,
 * DEL and the C1 controls.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * A character that shows: anything but white space, controls, format
 * characters (zero-width spaces and joiners, direction marks) and combining
 * marks, which show nothing on their own.
 */
const VISIBLE_CHARACTER = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Mn}\p{Me}]/u;

/** A letter of any script. */
const LETTER = /\p{L}/u;

/** True when `value` holds a NUL or a control character (tab and line breaks excepted). */
export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/**
 * The shared check of every text a client sends (see also
 * guardTextArguments, which applies it to every String argument):
 * BAD_USER_INPUT naming `field` for a NUL or control character.
 */
export function checkText(value: string, field: string): string {
  if (hasControlCharacter(value)) {
    throw new BadInputError(msg('input.controlCharacters', { field }), { field });
  }
  return value;
}

/**
 * Trims a required text input and checks it: no control characters, at
 * least one visible character (a name of zero-width spaces is empty), at
 * most `max` characters. Throws BAD_USER_INPUT naming the field.
 */
export function requiredText(value: string, field: string, max = 200): string {
  const trimmed = checkText(value, field).trim();
  if (!VISIBLE_CHARACTER.test(trimmed)) {
    throw new BadInputError(msg('input.empty', { field }), { field });
  }
  if (trimmed.length > max) {
    throw new BadInputError(msg('input.tooLong', { field, max }), { field });
  }
  return trimmed;
}

/**
 * requiredText for a name (of a person, unit, campaign, conference...):
 * it must also hold a letter, so `...` or `123` is not a name.
 */
export function requiredName(value: string, field: string, max = 200): string {
  const text = requiredText(value, field, max);
  if (!LETTER.test(text)) throw new BadInputError(msg('input.noLetter', { field }), { field });
  return text;
}

/** Like requiredText for an optional input: undefined stays undefined, blank becomes null. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max = 2000,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = checkText(value, field).trim();
  if (!VISIBLE_CHARACTER.test(trimmed)) return null;
  if (trimmed.length > max) {
    throw new BadInputError(msg('input.tooLong', { field, max }), { field });
  }
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
