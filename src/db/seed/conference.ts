import type { EntityManager } from 'typeorm';
import { query, sql } from '../../common/sql';
import type { SeededOrganisation } from './organisation';

/** The demo conference, as `npm run demo:conference` finds it. */
export const DEMO_CONFERENCE = {
  title: 'Hội nghị biểu dương điển hình tiên tiến giai đoạn 2020-2025',
  host: 'LS-TGDV',
  venue: 'Hội trường Tỉnh ủy Lạng Sơn',
  startsAt: '2025-08-27T08:00:00+07:00',
  congress: 'Đại hội Thi đua yêu nước tỉnh lần thứ VI',
  /** The department's delegates to the congress, in list order. */
  delegates: [
    'Nguyễn Quốc Khánh',
    'Hoàng Thị Thu Hà',
    'Bế Văn Thành',
    'Trần Thị Kim Oanh',
    'Phạm Minh Tuấn',
  ],
} as const;

/** What the conference seed made. */
export interface SeededConference {
  conferenceId: string;
  delegationId: string;
}

/**
 * The department's conference on advanced models of 2020-2025, SCHEDULED,
 * with a DRAFT delegation to the 6th Provincial Patriotic Emulation Congress.
 * Nothing is logged: the demo starts it.
 */
export async function seedConference(
  manager: EntityManager,
  organisation: SeededOrganisation,
): Promise<SeededConference> {
  const host = organisation.units.get(DEMO_CONFERENCE.host);
  if (!host) throw new Error(`demo seed: unit ${DEMO_CONFERENCE.host} is missing`);
  const [conference] = await query<{ id: string }>(
    manager,
    sql`INSERT INTO conference (title, host_unit_id, venue, starts_at)
        VALUES (${DEMO_CONFERENCE.title}, ${host.id}, ${DEMO_CONFERENCE.venue}, ${DEMO_CONFERENCE.startsAt})
        RETURNING id`,
  );
  const [delegation] = await query<{ id: string }>(
    manager,
    sql`INSERT INTO delegation (congress, conference_id)
        VALUES (${DEMO_CONFERENCE.congress}, ${conference.id}) RETURNING id`,
  );
  for (const [i, name] of DEMO_CONFERENCE.delegates.entries()) {
    const person = organisation.people.get(name);
    if (!person) throw new Error(`demo seed: ${name} is missing`);
    await query(
      manager,
      sql`INSERT INTO delegation_member (delegation_id, person_id, position)
          VALUES (${delegation.id}, ${person.id}, ${i + 1})`,
    );
  }
  return { conferenceId: conference.id, delegationId: delegation.id };
}
