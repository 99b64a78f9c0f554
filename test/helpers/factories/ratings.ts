import type { DataSource } from 'typeorm';
import { AnnualRating, TaskRating } from '../../../src/modules/ratings/annual-rating.entity';
import type { Person } from '../../../src/modules/people/person.entity';
import { holderColumns, type Holder } from './people';
import { insertRow } from './rows';

/**
 * Records the rating of `person` or `unit` (a new person when neither is
 * given) for a year, replacing any: "completed tasks well" for 2025 unless
 * told otherwise. No access checks.
 */
export async function buildRating(
  dataSource: DataSource,
  overrides: Partial<Pick<AnnualRating, 'year' | 'rating' | 'note'>> & Holder = {},
): Promise<AnnualRating> {
  const { person, unit, ...fields } = overrides;
  const { personId, unitId } = await holderColumns(dataSource, { person, unit });
  const year = fields.year ?? 2025;
  await dataSource
    .getRepository(AnnualRating)
    .delete(personId ? { personId, year } : { unitId: unitId!, year });
  return insertRow(dataSource, AnnualRating, {
    rating: TaskRating.HOAN_THANH_TOT,
    note: null,
    recordedBy: 'test',
    recordedAt: new Date(),
    ...fields,
    year,
    personId,
    unitId,
  });
}

/** Rates each person or unit of `holders` the same for `year`. */
export async function rate(
  dataSource: DataSource,
  holders: readonly Holder[],
  year: number,
  rating: TaskRating = TaskRating.HOAN_THANH_TOT,
): Promise<void> {
  for (const holder of holders) await buildRating(dataSource, { ...holder, year, rating });
}

/** Rates each person "completed tasks well" for `year`: what Lao động tiên tiến asks. */
export function rateWell(dataSource: DataSource, people: readonly Person[], year: number) {
  return rate(
    dataSource,
    people.map((person) => ({ person })),
    year,
  );
}
