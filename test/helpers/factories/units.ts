import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Unit, UnitKind } from '../../../src/modules/units/unit.entity';
import { insertRow, unique } from './rows';

/** Inserts a unit: a root DIVISION with a unique code, unless told otherwise. */
export function buildUnit(
  dataSource: DataSource,
  overrides: Partial<Pick<Unit, 'code' | 'name' | 'kind'>> & { parent?: Unit | null } = {},
): Promise<Unit> {
  const { parent, ...fields } = overrides;
  // The path ends with the unit's own id, so the id is chosen here.
  const id = randomUUID();
  return insertRow(dataSource, Unit, {
    id,
    code: `U-${unique()}`,
    name: `Unit ${unique()}`,
    kind: UnitKind.DIVISION,
    ...fields,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: (parent?.depth ?? -1) + 1,
  });
}
