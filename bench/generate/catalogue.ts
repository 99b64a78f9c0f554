/**
 * Step `award_type`: the catalogue is the one the AwardCatalogue migration
 * seeds (imported, never copied); the generator only reads the ids of its
 * types, and refuses to run when one is missing.
 */
import type { Client } from 'pg';
import { CATALOGUE } from '../../src/db/migrations/1764461000000-award-catalogue';

/** The code of a seeded award type. */
export type TypeCode = (typeof CATALOGUE)[number]['code'];

/** Emulation titles (at most one a year per recipient and type); the rest are commendations. */
export const TITLE_CODES: ReadonlySet<TypeCode> = new Set(
  CATALOGUE.filter((entry) => entry.category === 'EMULATION_TITLE').map((entry) => entry.code),
);

/** The id of each seeded award type; throws when the database lacks one. */
export async function readCatalogue(client: Client): Promise<Record<TypeCode, string>> {
  const { rows } = await client.query<{ id: string; code: string }>(
    `SELECT id, code FROM award_type WHERE code = ANY($1)`,
    [CATALOGUE.map((entry) => entry.code)],
  );
  const ids = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  const missing = CATALOGUE.filter((entry) => !ids[entry.code]).map((entry) => entry.code);
  if (missing.length) {
    throw new Error(
      `award types ${missing.join(', ')} are missing: the AwardCatalogue migration seeds them`,
    );
  }
  return ids as Record<TypeCode, string>;
}
