/** Step `model_replication`: each advanced model copied by up to two other units, last June. */
import type { Recognitions } from './awards';
import { CopyWriter } from './bulk';
import type { GenUnit, Generation } from './model';

export async function writeModelReplications(
  gen: Generation,
  units: GenUnit[],
  { advancedModels }: Recognitions,
): Promise<void> {
  const { dice } = gen;
  const copy = CopyWriter.open(gen.main, 'model_replication', ['achievement_id', 'unit_id', 'replicated_on', 'note']); // prettier-ignore
  for (const model of advancedModels) {
    const used = new Set([model.holderUnit]);
    for (let k = dice.int(0, 2); k > 0; k--) {
      const unitIndex = dice.int(0, units.length - 1);
      if (used.has(unitIndex)) continue;
      used.add(unitIndex);
      await copy.add([
        model.id,
        units[unitIndex]!.id,
        `${gen.lastYear}-06-15`,
        'Nhân rộng mô hình',
      ]);
    }
  }
  await copy.end();
  gen.log(`${advancedModels.length} advanced models, ${copy.rows} replications`);
}
