import type { DataSource } from 'typeorm';
import { Dossier, DossierStatus } from '../../../src/modules/dossiers/dossier.entity';
import type { Unit } from '../../../src/modules/units/unit.entity';
import { insertRow, unique } from './rows';
import { buildUnit } from './units';

/**
 * Inserts a dossier of `unit` (a new unit when not given), with no history
 * and no checks: a DRAFT for 2025 unless told otherwise. A level's deadline
 * (levelStartedOn, dueOn) is given as it is, not computed.
 */
export async function buildDossier(
  dataSource: DataSource,
  overrides: Partial<Omit<Dossier, 'id' | 'unitId'>> & { unit?: Unit } = {},
): Promise<Dossier> {
  const { unit = await buildUnit(dataSource), ...fields } = overrides;
  return insertRow(dataSource, Dossier, {
    number: null,
    title: `Dossier ${unique()}`,
    year: 2025,
    campaignId: null,
    status: DossierStatus.DRAFT,
    interAgencyConsultation: false,
    returnReason: null,
    levelStartedOn: null,
    dueOn: null,
    overdueNotifiedOn: null,
    createdBy: 'factory',
    ...fields,
    unitId: unit.id,
  });
}
