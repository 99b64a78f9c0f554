import type { DataSource } from 'typeorm';
import {
  DisciplineKind,
  DisciplineRecord,
} from '../../../src/modules/discipline/discipline.entity';
import { holderColumns, type Holder } from './people';
import { insertRow } from './rows';

/**
 * Inserts a discipline or investigation record of `person` or `unit` (a new
 * person when neither is given): an INVESTIGATION open since 1 January 2025,
 * unless told otherwise. No access checks.
 */
export async function buildDisciplineRecord(
  dataSource: DataSource,
  overrides: Partial<
    Pick<DisciplineRecord, 'kind' | 'reason' | 'reference' | 'fromDate' | 'toDate'>
  > &
    Holder = {},
): Promise<DisciplineRecord> {
  const { person, unit, ...fields } = overrides;
  const { personId, unitId } = await holderColumns(dataSource, { person, unit });
  return insertRow(dataSource, DisciplineRecord, {
    kind: DisciplineKind.INVESTIGATION,
    reason: 'Under review',
    reference: null,
    fromDate: '2025-01-01',
    toDate: null,
    recordedBy: 'test',
    ...fields,
    personId,
    unitId,
  });
}
