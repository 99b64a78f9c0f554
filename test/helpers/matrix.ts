/**
 * Access matrices: who may do what, stated once as a table with a row per
 * operation and a column per actor, and run as one test per cell.
 */

/** What an actor gets from an operation: done, or the code of the error. */
export type Outcome = 'OK' | 'FORBIDDEN' | 'UNAUTHENTICATED';

export const OK = 'OK';
/** Signed in, but not allowed. */
export const NO = 'FORBIDDEN';
/** Not signed in. */
export const ANON = 'UNAUTHENTICATED';

/** One row of a matrix: the operation, then one outcome per actor, in the actors' order. */
export type Row<Operation, Actors extends readonly string[]> = [
  Operation,
  ...{ -readonly [K in keyof Actors]: Outcome },
];

/** Every cell of `rows` as [operation, actor, outcome], for `it.each`. */
export function cells<Operation, const Actors extends readonly string[]>(
  actors: Actors,
  rows: Row<Operation, Actors>[],
): (readonly [Operation, Actors[number], Outcome])[] {
  return rows.flatMap(([operation, ...outcomes]) =>
    actors.map((actor, i) => [operation, actor, outcomes[i] as Outcome] as const),
  );
}
