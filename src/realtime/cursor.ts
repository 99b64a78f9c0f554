import { BadInputError } from '../errors';
import { msg } from '../i18n/i18n';

const PREFIX = 'event:';

/**
 * The opaque cursor of a logged event: its global position. Positions are
 * commit-ordered across all conferences, so one cursor resumes any stream
 * (a conference's events, or announcements everywhere) exactly after it.
 */
export function encodeEventCursor(position: number): string {
  return Buffer.from(`${PREFIX}${position}`).toString('base64url');
}

/**
 * The position an event cursor stands for. Throws BAD_USER_INPUT naming
 * `argument` when the value is not a cursor made by encodeEventCursor.
 */
export function decodeEventCursor(cursor: string, argument = 'after'): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (text.startsWith(PREFIX)) {
    const digits = text.slice(PREFIX.length);
    if (/^\d{1,15}$/.test(digits)) return Number(digits);
  }
  throw new BadInputError(msg('realtime.badCursor', { field: argument }), { field: argument });
}

/** decodeEventCursor for an optional argument: null when absent. */
export function decodeOptionalEventCursor(
  cursor: string | null | undefined,
  argument = 'after',
): number | null {
  return cursor === null || cursor === undefined ? null : decodeEventCursor(cursor, argument);
}
