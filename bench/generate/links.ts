/** Step `award_achievement`: the links the awards step wrote to a file, copied in one stream. */
import { createReadStream, rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Recognitions } from './awards';
import type { Generation } from './model';

export async function writeAwardAchievements(gen: Generation, from: Recognitions): Promise<void> {
  const stream = gen.main.query(
    copyFrom(`COPY award_achievement (award_id, achievement_id, active) FROM STDIN`),
  );
  await pipeline(createReadStream(from.linksFile), stream);
  rmSync(path.dirname(from.linksFile), { recursive: true, force: true });
  gen.log(`${from.linkCount} award_achievement links`);
}
