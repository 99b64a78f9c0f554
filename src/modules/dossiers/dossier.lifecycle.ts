import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { defineLifecycle } from '../../common/lifecycle';
import { entityRows } from '../../common/rows';
import { query, queryOne, sql } from '../../common/sql';
import { appendEvent, EventType } from '../../realtime/event-log';
import { Dossier, DossierStatus, DossierTransition, type NomineeReason } from './dossier.entity';

const S = DossierStatus;

/**
 * The dossier lifecycle as data. The unit prepares (DRAFT) and submits; the
 * emulation office takes it for review, returns it for correction (the unit
 * fixes and submits again) or sends it to the council; the council's
 * meeting that decides its last nominee makes it DECIDED; the office
 * publishes it.
 * The unit may withdraw it until the office starts the review.
 */
export const DOSSIER_LIFECYCLE = defineLifecycle<DossierStatus>('Dossier', {
  DRAFT: [S.SUBMITTED, S.WITHDRAWN],
  SUBMITTED: [S.UNDER_REVIEW, S.RETURNED, S.WITHDRAWN],
  UNDER_REVIEW: [S.RETURNED, S.TO_COUNCIL],
  RETURNED: [S.SUBMITTED, S.WITHDRAWN],
  TO_COUNCIL: [S.DECIDED],
  DECIDED: [S.PUBLISHED],
  PUBLISHED: [],
  WITHDRAWN: [],
});

/** States in which the unit holds the dossier and may change its nominees and attachments. */
export const EDITABLE = [S.DRAFT, S.RETURNED] as const;

/** What a move changes besides the status. */
export interface MoveDetails {
  reason?: string | null;
  nomineeReasons?: NomineeReason[];
  /** The new level's start and deadline (both null: the unit holds it, or it is decided). */
  deadline?: { levelStartedOn: string | null; dueOn: string | null };
  returnReason?: string | null;
  /** The council meeting that made the dossier DECIDED. */
  councilMeetingId?: string;
}

/**
 * Moves a locked dossier to `to` (RULE_VIOLATION naming both states when the
 * lifecycle forbids it), writes the step to its history and logs a
 * DOSSIER_UPDATED event, all in the caller's transaction. `from` null
 * records the creation. Returns the dossier as it now is.
 */
export async function moveDossier(
  manager: EntityManager,
  dossier: Dossier,
  to: DossierStatus,
  actor: Pick<Actor, 'username' | 'role'>,
  details: MoveDetails = {},
  creation = false,
): Promise<Dossier> {
  if (!creation) DOSSIER_LIFECYCLE.assertTransition(dossier.status, to);
  const rows = entityRows(manager, Dossier);
  const deadline = details.deadline;
  const updated = await queryOne<Record<string, unknown>>(
    manager,
    sql`UPDATE dossier SET status = ${to}, updated_at = now()
          ${deadline ? sql`, level_started_on = ${deadline.levelStartedOn}, due_on = ${deadline.dueOn}` : sql.empty}
          ${details.returnReason !== undefined ? sql`, return_reason = ${details.returnReason}` : sql.empty}
        WHERE id = ${dossier.id} RETURNING *`,
  );
  const transition = await queryOne<{ id: string }>(
    manager,
    sql`INSERT INTO dossier_transition
          (dossier_id, from_status, to_status, by_username, by_role, reason, nominee_reasons, due_on,
           council_meeting_id)
        VALUES (${dossier.id}, ${creation ? null : dossier.status}, ${to}, ${actor.username}, ${actor.role},
                ${details.reason ?? null}, ${JSON.stringify(details.nomineeReasons ?? [])}::jsonb,
                ${deadline?.dueOn ?? null}, ${details.councilMeetingId ?? null})
        RETURNING id`,
  );
  await appendEvent(manager, {
    type: EventType.DOSSIER_UPDATED,
    dossierId: dossier.id,
    transitionId: (transition as { id: string }).id,
  });
  return rows.hydrate(updated as Record<string, unknown>);
}

/**
 * Records that the emulation office set or cleared inter-agency consultation
 * on a locked dossier, which moved its due date from `previousDueOn` to the
 * dossier's `dueOn` (both null while no level holds it): a step with the
 * same state before and after, in its history and as a DOSSIER_UPDATED
 * event, in the caller's transaction. `dossier` is the dossier as it now is.
 */
export async function recordConsultation(
  manager: EntityManager,
  dossier: Dossier,
  previousDueOn: string | null,
  actor: Pick<Actor, 'username' | 'role'>,
): Promise<void> {
  const step = await queryOne<{ id: string }>(
    manager,
    sql`INSERT INTO dossier_transition
          (dossier_id, from_status, to_status, by_username, by_role, due_on, consultation, previous_due_on)
        VALUES (${dossier.id}, ${dossier.status}, ${dossier.status}, ${actor.username}, ${actor.role},
                ${dossier.dueOn}, ${dossier.interAgencyConsultation}, ${previousDueOn})
        RETURNING id`,
  );
  await appendEvent(manager, {
    type: EventType.DOSSIER_UPDATED,
    dossierId: dossier.id,
    transitionId: (step as { id: string }).id,
  });
}

/** The history of each dossier, oldest first (for the Dossier.history loader). */
export async function historyOf(
  manager: EntityManager,
  dossierIds: readonly string[],
): Promise<DossierTransition[][]> {
  const rows = await entityRows(manager, DossierTransition).selectIn(
    manager,
    'dossierId',
    dossierIds,
    {
      at: 'ASC',
      id: 'ASC',
    },
  );
  return dossierIds.map((id) => rows.filter((row) => row.dossierId === id));
}

/**
 * After a council meeting decided awards: each TO_COUNCIL dossier holding
 * one of them whose nominees are all decided (none NOMINATED any more)
 * becomes DECIDED, in the meeting's transaction, by the council's actor; the
 * step names the meeting. The decisions are the register's, reached through
 * the nominees' awards.
 */
export async function settleDossiers(
  manager: EntityManager,
  awardIds: readonly string[],
  actor: Pick<Actor, 'username' | 'role'>,
  councilMeetingId: string,
): Promise<void> {
  if (awardIds.length === 0) return;
  const rows = entityRows(manager, Dossier);
  const candidates = await query<{ dossier_id: string }>(
    manager,
    sql`SELECT DISTINCT n.dossier_id FROM dossier_nominee n WHERE n.award_id = ANY(${[...awardIds]}) ORDER BY 1`,
  );
  for (const { dossier_id: dossierId } of candidates) {
    const locked = await queryOne<Record<string, unknown>>(
      manager,
      sql`SELECT ${rows.columns()} FROM dossier t WHERE t.id = ${dossierId} FOR UPDATE`,
    );
    const dossier = rows.hydrate(locked as Record<string, unknown>);
    if (dossier.status !== S.TO_COUNCIL) continue;
    const open = await queryOne<{ n: number }>(
      manager,
      sql`SELECT count(*)::int AS n FROM dossier_nominee n JOIN award a ON a.id = n.award_id
           WHERE n.dossier_id = ${dossierId} AND a.status = 'NOMINATED'`,
    );
    if ((open?.n ?? 0) > 0) continue;
    await moveDossier(manager, dossier, S.DECIDED, actor, {
      deadline: { levelStartedOn: null, dueOn: null },
      councilMeetingId,
    });
  }
}
