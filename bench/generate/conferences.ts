/** Step `conference`: one ended year-end conference per award year but the last, hosted by the root. */
import { randomUUID } from 'node:crypto';
import type { GenUnit, Generation } from './model';

/** The conference where a year's awards were announced: its id and when. */
export type ConferenceOfYear = Map<number, { id: string; at: string }>;

export async function writeConferences(gen: Generation, host: GenUnit): Promise<ConferenceOfYear> {
  const conferenceOfYear: ConferenceOfYear = new Map();
  for (let year = gen.firstYear; year < gen.lastYear; year++) {
    const id = randomUUID();
    const at = `${year + 1}-01-20T02:00:00Z`;
    conferenceOfYear.set(year, { id, at });
    await gen.main.query(
      `INSERT INTO conference (id, title, host_unit_id, venue, starts_at, status, started_at, ended_at)
       VALUES ($1, $2, $3, 'Hội trường Tỉnh ủy', $4, 'ENDED', $4, $4::timestamptz + interval '3 hours')`,
      [id, `Hội nghị tổng kết công tác thi đua, khen thưởng năm ${year}`, host.id, at],
    );
  }
  return conferenceOfYear;
}
