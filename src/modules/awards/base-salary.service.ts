import { query, sql } from '../../common/sql';
import type { DataSource } from 'typeorm';
import { checkDay } from '../../common/dates';
import type { ServiceDeps } from '../../common/services';
import { optionalText } from '../../common/validate';
import { BadInputError, NotFoundError } from '../../errors';
import { msg } from '../../i18n/i18n';
import type { SetBaseSalaryInput } from './award.inputs';
import { BaseSalary } from './rule-set.entity';

/** The largest base salary accepted, in đồng: a guard against a slip of the keyboard. */
const MAX_BASE_SALARY = 100_000_000;

/**
 * The dated base salary table. Bonuses are worked out from the row in force
 * on the decision date when they are read, so a correction here shows in
 * every bonus of a decision from that day until the next row.
 */
export class BaseSalaryService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /** Adds the row from `validFrom`, or replaces that row. BAD_USER_INPUT for a bad day or amount. */
  async set(input: SetBaseSalaryInput): Promise<BaseSalary> {
    const validFrom = checkDay(input.validFrom, 'validFrom');
    if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > MAX_BASE_SALARY) {
      throw new BadInputError(msg('salary.badAmount', { max: MAX_BASE_SALARY }), {
        field: 'amount',
      });
    }
    const legalBasis = optionalText(input.legalBasis, 'legalBasis', 300) ?? null;
    await query(
      this.dataSource,
      sql`INSERT INTO base_salary (valid_from, amount, legal_basis) VALUES (${validFrom}, ${input.amount}, ${legalBasis})
       ON CONFLICT (valid_from) DO UPDATE
         SET amount = excluded.amount, legal_basis = excluded.legal_basis, updated_at = now()`,
    );
    return this.dataSource.manager.findOneByOrFail(BaseSalary, { validFrom });
  }

  /** Removes the row from `validFrom`; NOT_FOUND when there is none. */
  async remove(rawValidFrom: string): Promise<boolean> {
    const validFrom = checkDay(rawValidFrom, 'validFrom');
    const result = await this.dataSource.manager.delete(BaseSalary, { validFrom });
    if (!result.affected) throw new NotFoundError('BaseSalary', validFrom);
    return true;
  }
}
