import { Client } from 'pg';
import { Role } from '../../src/modules/accounts/account.entity';
import type { AwardType } from '../../src/modules/awards/award-type.entity';
import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode } from '../helpers/graphql';
import {
  buildAward,
  buildAwardType,
  buildConference,
  buildPerson,
  buildUnit,
} from '../helpers/factories';

const ANNOUNCE = `mutation($c: ID!, $a: ID!) { announceAward(conferenceId: $c, awardId: $a) { cursor } }`;
const END = `mutation($id: ID!) { endConference(id: $id) { status } }`;

/**
 * Announcing takes a share lock on the conference (it only needs it to stay
 * LIVE), ending takes it FOR UPDATE. These tests hold other locks from a
 * separate connection to force each interleaving, and watch pg_stat_activity
 * to know when a statement is waiting, so no timing is guessed.
 */
describe('announcing while the conference ends', () => {
  let t: TestApp;
  let secretary: ReturnType<typeof clientFor>;
  let blocker: Client;
  let host: Unit;
  let people: Person[];
  let type: AwardType;

  beforeAll(async () => {
    t = await startTestApp();
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    blocker = new Client({ connectionString: t.config.DATABASE_URL });
    await blocker.connect();
    host = await buildUnit(t.dataSource);
    people = [];
    for (let i = 0; i < 8; i++) people.push(await buildPerson(t.dataSource, { unit: host }));
    type = await buildAwardType(t.dataSource);
  });

  afterEach(async () => {
    // A failed test must not leave its locks to the next one.
    await blocker.query('ROLLBACK');
  });

  afterAll(async () => {
    await blocker?.end();
    await t?.stop();
  });

  /** A LIVE conference with `n` APPROVED awards. */
  async function liveConference(n: number) {
    const conference = await buildConference(t.dataSource, { host, status: ConferenceStatus.LIVE });
    const awards = [];
    for (let i = 0; i < n; i++)
      awards.push(await buildAward(t.dataSource, { type, person: people[i]! }));
    return { conference, awards };
  }

  /** Waits until `count` statements of this database wait for a lock and match `pattern` (SQL LIKE). */
  async function waitForLockWaits(pattern: string, count = 1): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      // From the pool, not the blocker: inside a transaction pg_stat_activity keeps its first snapshot.
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
        [pattern],
      );
      if (n >= count) return;
      if (Date.now() > deadline) throw new Error(`no statement like ${pattern} waits for a lock`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The conference's events in log order. */
  async function logOf(conferenceId: string): Promise<{ type: string; award_id: string | null }[]> {
    return t.dataSource.query(
      `SELECT type, award_id FROM conference_event WHERE conference_id = $1 ORDER BY position`,
      [conferenceId],
    );
  }

  it('logs an announcement that got the conference first before ConferenceEnded', async () => {
    const { conference, awards } = await liveConference(1);
    // Hold the award: the announcement takes its share of the conference, then waits here.
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM award WHERE id = $1 FOR UPDATE', [awards[0]!.id]);
    const announced = secretary.request(ANNOUNCE, { c: conference.id, a: awards[0]!.id });
    await waitForLockWaits('%FROM "award" t%FOR UPDATE%');
    // Ending must wait for the announcement's share lock.
    const ended = secretary.request(END, { id: conference.id });
    await waitForLockWaits('%FROM "conference" t%FOR UPDATE%');
    await blocker.query('COMMIT');
    const [announcement, end] = await Promise.all([announced, ended]);
    expect(announcement.errors).toBeUndefined();
    expect(end.data).toEqual({ endConference: { status: 'ENDED' } });
    expect(await logOf(conference.id)).toEqual([
      { type: 'AWARD_ANNOUNCED', award_id: awards[0]!.id },
      { type: 'CONFERENCE_ENDED', award_id: null },
    ]);
  });

  it('refuses an announcement that waited for an ending conference, and logs nothing for it', async () => {
    const { conference, awards } = await liveConference(1);
    // Hold the log's head: the end holds the conference FOR UPDATE and waits at COMMIT.
    await blocker.query('BEGIN');
    await blocker.query('SELECT last_position FROM conference_event_head FOR UPDATE');
    const ended = secretary.request(END, { id: conference.id });
    await waitForLockWaits('COMMIT');
    const announced = secretary.request(ANNOUNCE, { c: conference.id, a: awards[0]!.id });
    await waitForLockWaits('%FROM "conference" t%FOR SHARE%');
    await blocker.query('COMMIT');
    const [end, announcement] = await Promise.all([ended, announced]);
    expect(end.data).toEqual({ endConference: { status: 'ENDED' } });
    expect(errorCode(announcement)).toBe('RULE_VIOLATION');
    expect(announcement.errors?.[0]?.message).toMatch(/is ENDED, not LIVE/);
    expect(await logOf(conference.id)).toEqual([{ type: 'CONFERENCE_ENDED', award_id: null }]);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM award WHERE id = $1`, [
      awards[0]!.id,
    ]);
    expect(status).toBe('APPROVED');
  });

  it('lets announcements at one conference proceed while another one waits', async () => {
    const { conference, awards } = await liveConference(2);
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM award WHERE id = $1 FOR UPDATE', [awards[0]!.id]);
    const first = secretary.request(ANNOUNCE, { c: conference.id, a: awards[0]!.id });
    await waitForLockWaits('%FROM "award" t%FOR UPDATE%');
    // The first holds its share of the conference; the second needs only a share too.
    const second = await secretary.request(ANNOUNCE, { c: conference.id, a: awards[1]!.id });
    expect(second.errors).toBeUndefined();
    await blocker.query('COMMIT');
    expect((await first).errors).toBeUndefined();
    expect(await logOf(conference.id)).toEqual([
      { type: 'AWARD_ANNOUNCED', award_id: awards[1]!.id },
      { type: 'AWARD_ANNOUNCED', award_id: awards[0]!.id },
    ]);
  });

  it('never logs an announcement after ConferenceEnded, however they interleave', async () => {
    for (let round = 0; round < 3; round++) {
      const { conference, awards } = await liveConference(8);
      const announcements = awards.map((award) =>
        secretary.request(ANNOUNCE, { c: conference.id, a: award.id }),
      );
      const end = secretary.request(END, { id: conference.id });
      const results = await Promise.all(announcements);
      expect((await end).data).toEqual({ endConference: { status: 'ENDED' } });
      const log = await logOf(conference.id);
      expect(log.at(-1)).toEqual({ type: 'CONFERENCE_ENDED', award_id: null });
      // Each announcement either made it into the log before the end or was refused.
      results.forEach((result, i) => {
        const logged = log.some((event) => event.award_id === awards[i]!.id);
        if (result.errors) {
          expect(errorCode(result)).toBe('RULE_VIOLATION');
          expect(logged).toBe(false);
        } else {
          expect(logged).toBe(true);
        }
      });
    }
  });
});
