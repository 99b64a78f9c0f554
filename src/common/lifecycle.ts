import { illegalTransition } from '../errors';

/** The states each state may move to; every state has an entry (final ones an empty list). */
export type Transitions<S extends string> = { readonly [From in S]: readonly S[] };

/** A lifecycle as data, with the checks the services make on it. */
export interface Lifecycle<S extends string> {
  /** What moves through it, e.g. `Award` (a name in the catalogue's labels); RULE_VIOLATION messages start with it. */
  readonly name: string;
  /** Every state, in the order the transitions were written. */
  readonly states: readonly S[];
  /** The states `from` may move to (none for a final state). */
  next(from: S): readonly S[];
  /** True when the lifecycle allows `from` → `to`. */
  allows(from: S, to: S): boolean;
  /**
   * RULE_VIOLATION naming both states unless `from` → `to` is allowed.
   * `code`, when given, names the one refused after the lifecycle's name,
   * e.g. `PT-2025` for "Campaign PT-2025 cannot go from CLOSED to LAUNCHED".
   */
  assertTransition(from: S, to: S, code?: string): void;
}

/**
 * A lifecycle from its transitions, e.g.
 * `defineLifecycle('Delegation', { DRAFT: ['APPROVED'], APPROVED: [] })`.
 * Typed by the state enum, so a state left out of `transitions` does not compile.
 */
export function defineLifecycle<S extends string>(
  name: string,
  transitions: Transitions<S>,
): Lifecycle<S> {
  const states = Object.keys(transitions) as S[];
  const next = (from: S): readonly S[] => transitions[from] ?? [];
  const allows = (from: S, to: S) => next(from).includes(to);
  return {
    name,
    states,
    next,
    allows,
    assertTransition(from, to, code) {
      if (!allows(from, to)) throw illegalTransition(name, from, to, code);
    },
  };
}
