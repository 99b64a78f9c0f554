import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { paginate, type Connection, type PageArgs, type PageOrder } from '../../common/connection';
import { checkDay } from '../../common/dates';
import { parseId, parseOptionalId } from '../../common/ids';
import { readRecipient } from '../../common/recipient';
import { lockById } from '../../common/locks';
import { sql } from '../../common/sql';
import type { ServiceDeps } from '../../common/services';
import { optionalText, requiredText } from '../../common/validate';
import { BadInputError, NotFoundError } from '../../errors';
import { msg } from '../../i18n/i18n';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { DisciplineRecord } from './discipline.entity';
import type { DisciplineFilter, RecordDisciplineInput } from './discipline.inputs';

/** Records are listed newest first. */
const RECORD_ORDER: PageOrder<DisciplineRecord> = { keys: ['fromDate', 'id'], direction: 'DESC' };

/**
 * Discipline and investigation records (SECRETARY and ADMIN). While one is
 * open, the NO_OPEN_DISCIPLINE rule defers awards to its subject, naming it.
 */
export class DisciplineService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /**
   * Records a discipline or investigation. BAD_USER_INPUT unless exactly one
   * of personId and unitId is given, for a blank reason, or an end before
   * the start; NOT_FOUND for an unknown person or unit.
   */
  async record(actor: Actor, input: RecordDisciplineInput): Promise<DisciplineRecord> {
    const { personId, unitId } = readRecipient(input);
    const fromDate = checkDay(input.from, 'from');
    const toDate = input.to ? checkDay(input.to, 'to') : null;
    if (toDate && toDate < fromDate) {
      throw new BadInputError(msg('discipline.endBeforeStart', { from: fromDate, to: toDate }), {
        field: 'to',
      });
    }
    const values = {
      personId: personId ?? null,
      unitId: unitId ?? null,
      kind: input.kind,
      reason: requiredText(input.reason, 'reason', 2000),
      reference: optionalText(input.reference, 'reference', 200) ?? null,
      fromDate,
      toDate,
      recordedBy: actor.username,
    };
    return this.dataSource.transaction(async (manager) => {
      if (personId && !(await manager.existsBy(Person, { id: personId }))) {
        throw new NotFoundError('Person', personId);
      }
      if (unitId && !(await manager.existsBy(Unit, { id: unitId }))) {
        throw new NotFoundError('Unit', unitId);
      }
      const record = manager.create(DisciplineRecord, values);
      await manager.insert(DisciplineRecord, record);
      return manager.findOneByOrFail(DisciplineRecord, { id: record.id });
    });
  }

  /**
   * Sets the last day a record is open (closing it, or correcting the day).
   * NOT_FOUND for an unknown record; BAD_USER_INPUT for a day before it opened.
   */
  async close(rawId: string, rawTo: string): Promise<DisciplineRecord> {
    const id = parseId(rawId);
    const toDate = checkDay(rawTo, 'to');
    return this.dataSource.transaction(async (manager) => {
      const record = await lockById(manager, DisciplineRecord, id);
      if (toDate < record.fromDate) {
        throw new BadInputError(
          msg('discipline.endBeforeStart', { from: record.fromDate, to: toDate }),
          { field: 'to' },
        );
      }
      await manager.update(DisciplineRecord, { id }, { toDate });
      return manager.findOneByOrFail(DisciplineRecord, { id });
    });
  }

  /** Records matching the filter, newest first. */
  list(
    filter: DisciplineFilter | null | undefined,
    page: PageArgs,
  ): Promise<Connection<DisciplineRecord>> {
    const personId = parseOptionalId(filter?.personId, 'filter.personId');
    const unitId = parseOptionalId(filter?.unitId, 'filter.unitId');
    const on = filter?.openOn ? checkDay(filter.openOn, 'filter.openOn') : null;
    const where = sql.and(
      personId && sql`t.person_id = ${personId}`,
      unitId && sql`t.unit_id = ${unitId}`,
      on && sql`t.from_date <= ${on} AND (t.to_date IS NULL OR t.to_date >= ${on})`,
    );
    return paginate(this.dataSource.manager, DisciplineRecord, page, {
      order: RECORD_ORDER,
      where,
    });
  }
}
