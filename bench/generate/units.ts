/** Step `unit`: the province's tree of units, five levels, root first. */
import { randomUUID } from 'node:crypto';
import { CopyWriter } from './bulk';
import { type GenUnit, type Generation, pad } from './model';
import { AGENCIES, DIVISIONS, GROUPS, PLACES } from './names';

/** Kind and name of the `i`-th unit of its level (`n`-th overall) under `parent`. */
function describe(
  gen: Generation,
  depth: number,
  i: number,
  n: number,
  parent: GenUnit | null,
): { kind: string; name: string } {
  const place = PLACES[n % PLACES.length]!;
  if (depth === 0) return { kind: 'PROVINCE', name: 'Tỉnh Lạng Sơn' };
  if (depth === 1) {
    if (i === 0) return { kind: 'PARTY_COMMITTEE', name: 'Tỉnh ủy Lạng Sơn' };
    if (i % 3 === 0) return { kind: 'OTHER', name: `Ủy ban nhân dân huyện ${place}` };
    return { kind: 'DEPARTMENT', name: AGENCIES[i % AGENCIES.length]! };
  }
  if (depth === 2) {
    const kind = parent!.kind === 'OTHER' ? 'COMMUNE' : 'DEPARTMENT';
    const name =
      kind === 'COMMUNE' ? `Ủy ban nhân dân xã ${place}` : AGENCIES[n % AGENCIES.length]!;
    return { kind, name };
  }
  if (depth === 3) {
    const kind = parent!.kind === 'COMMUNE' ? 'COMMUNE' : 'DIVISION';
    return { kind, name: kind === 'COMMUNE' ? `Thôn ${place}` : DIVISIONS[n % DIVISIONS.length]! };
  }
  const kind = gen.dice.pick(['DIVISION', 'ASSOCIATION', 'ENTERPRISE', 'DIVISION']);
  const name =
    kind === 'ENTERPRISE' ? `Công ty ${place}` : `${GROUPS[n % GROUPS.length]!} ${place}`;
  return { kind, name };
}

/** The units of the scale, each level's units spread evenly over the level above. */
function planUnits(gen: Generation): GenUnit[] {
  const units: GenUnit[] = [];
  const levels = gen.spec.unitsPerLevel;
  let levelStart = 0;
  for (let depth = 0; depth < levels.length; depth++) {
    const count = levels[depth]!;
    const parentsStart = depth === 0 ? -1 : levelStart - levels[depth - 1]!;
    const parentsCount = depth === 0 ? 0 : levels[depth - 1]!;
    const start = units.length;
    for (let i = 0; i < count; i++) {
      const parentIndex = depth === 0 ? -1 : parentsStart + Math.floor((i * parentsCount) / count);
      const parent = parentIndex >= 0 ? units[parentIndex]! : null;
      const id = randomUUID();
      const n = units.length;
      const { kind, name } = describe(gen, depth, i, n, parent);
      units.push({
        id,
        code: `LS-${pad(depth, 1)}${pad(n, 6)}`,
        name: parent ? `${name} ${n}` : name,
        kind,
        parentIndex,
        path: `${parent?.path ?? '/'}${id}/`,
        depth,
      });
    }
    levelStart = start + count;
  }
  return units;
}

/** Writes the units; returns them (root first) and the department the dashboard filters on. */
export async function writeUnits(
  gen: Generation,
): Promise<{ units: GenUnit[]; department: GenUnit }> {
  const units = planUnits(gen);
  const copy = CopyWriter.open(gen.main, 'unit', ['id', 'code', 'name', 'kind', 'parent_id', 'path', 'depth']); // prettier-ignore
  for (const u of units) {
    await copy.add([u.id, u.code, u.name, u.kind, units[u.parentIndex]?.id ?? null, u.path, u.depth]); // prettier-ignore
  }
  await copy.end();
  gen.log(`${units.length} units in ${gen.spec.unitsPerLevel.length} levels`);
  const department = units.find((u) => u.depth === 1 && u.kind === 'DEPARTMENT')!;
  return { units, department };
}
