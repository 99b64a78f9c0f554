/**
 * Turns user search text into a LIKE pattern over `immutable_unaccent(...)`
 * columns: diacritics and case are dropped in SQL by the same function the
 * trigram index is built on; here LIKE wildcards are escaped and spaces
 * collapsed. Returns undefined for blank input.
 */
export function searchPattern(text: string | null | undefined): string | undefined {
  const cleaned = text?.trim().replace(/\s+/g, ' ');
  if (!cleaned) return undefined;
  return `%${cleaned.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
