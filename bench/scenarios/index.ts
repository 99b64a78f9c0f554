/**
 * Every scenario of the benchmark, in the order a run measures them (later
 * ones use what earlier ones leave: the baseline completes the profile's row,
 * the fan-out announces the awards the writes approved). `--only` takes
 * these names. A new scenario is a file exporting a `Scenario`, added here.
 */
import type { Scenario } from '../context';
import { baseline } from './baseline';
import { dashboard } from './dashboard';
import { fanout } from './fanout';
import { postgraphile } from './postgraphile';
import { profile } from './profile';
import { scaleout } from './scaleout';
import { search } from './search';
import { writes } from './writes';

export const SCENARIOS = {
  profile,
  baseline,
  postgraphile,
  search,
  dashboard,
  writes,
  fanout,
  scaleout,
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;
