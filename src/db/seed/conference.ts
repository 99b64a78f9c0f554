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
  /** The department's official delegates to the congress, in list order. */
  delegates: [
    'Nguyễn Quốc Khánh',
    'Hoàng Thị Thu Hà',
    'Bế Văn Thành',
    'Trần Thị Kim Oanh',
    'Phạm Minh Tuấn',
  ],
  /** Guests (khách mời), after the delegates. */
  guests: ['Vi Thị Hồng Nhung'],
  /** Seats the congress gives the department (its divisions included). */
  quota: { unit: 'LS-TGDV', seats: 5 },
  /** The emulation period the congress reviews. */
  period: { from: 2020, to: 2025 },
} as const;

/** What the conference seed made. */
export interface SeededConference {
  conferenceId: string;
  delegationId: string;
}

/**
 * The department's conference on advanced models of 2020-2025, SCHEDULED,
 * with a DRAFT delegation to the 6th Provincial Patriotic Emulation Congress
 * (five official delegates on the department's five seats, and a guest).
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
    sql`INSERT INTO delegation (congress, conference_id, period_from, period_to)
        VALUES (${DEMO_CONFERENCE.congress}, ${conference.id}, ${DEMO_CONFERENCE.period.from}, ${DEMO_CONFERENCE.period.to})
        RETURNING id`,
  );
  const listed = [
    ...DEMO_CONFERENCE.delegates.map((name) => [name, 'OFFICIAL'] as const),
    ...DEMO_CONFERENCE.guests.map((name) => [name, 'GUEST'] as const),
  ];
  for (const [i, [name, role]] of listed.entries()) {
    const person = organisation.people.get(name);
    if (!person) throw new Error(`demo seed: ${name} is missing`);
    await query(
      manager,
      sql`INSERT INTO delegation_member (delegation_id, person_id, position, role)
          VALUES (${delegation.id}, ${person.id}, ${i + 1}, ${role})`,
    );
  }
  const quotaUnit = organisation.units.get(DEMO_CONFERENCE.quota.unit);
  if (!quotaUnit) throw new Error(`demo seed: unit ${DEMO_CONFERENCE.quota.unit} is missing`);
  await query(
    manager,
    sql`INSERT INTO delegation_quota (delegation_id, unit_id, seats)
        VALUES (${delegation.id}, ${quotaUnit.id}, ${DEMO_CONFERENCE.quota.seats})`,
  );
  return { conferenceId: conference.id, delegationId: delegation.id };
}
