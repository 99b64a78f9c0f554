import { query, sql } from '../../common/sql';
import type { ClassType } from 'type-graphql';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { entityRows } from '../../common/rows';
import { addDays } from '../../common/dates';
import type { LocalizedText } from '../../i18n/messages';
import { AWARD_LEVEL_ORDER, RecipientKind, type AwardType } from './award-type.entity';
import { AwardTypeVersion, BaseSalary, RuleSet } from './rule-set.entity';

/** The base salary in force on a day, and the day it took effect. */
export interface SalaryOnDay {
  amount: number;
  validFrom: string;
}

/**
 * The law as data, read once: the catalogue, the rule sets with each type's
 * version, and the dated base salaries. Answers "which version of this type,
 * which rule set, which base salary was in force on that day". Small tables,
 * read in one statement per request (or per transaction that decides).
 */
export class RuleBook {
  private readonly typesById: Map<string, AwardType>;
  private readonly typesByCode: Map<string, AwardType>;
  /** Rule sets, oldest first. */
  readonly ruleSets: readonly RuleSet[];
  /** Base salaries, oldest first. */
  readonly salaries: readonly BaseSalary[];
  private readonly versionByTypeAndSet = new Map<string, AwardTypeVersion>();
  private readonly versionsById = new Map<string, AwardTypeVersion>();

  constructor(
    readonly types: readonly AwardType[],
    ruleSets: readonly RuleSet[],
    versions: readonly AwardTypeVersion[],
    salaries: readonly BaseSalary[],
  ) {
    this.typesById = new Map(types.map((t) => [t.id, t]));
    this.typesByCode = new Map(types.map((t) => [t.code, t]));
    this.ruleSets = [...ruleSets].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    this.salaries = [...salaries].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (const version of versions) {
      this.versionByTypeAndSet.set(`${version.awardTypeId}/${version.ruleSetId}`, version);
      this.versionsById.set(version.id, version);
    }
  }

  /**
   * Reads the rule sets, versions and base salaries in one statement; the
   * catalogue is given (it is read on its own, and cached per request).
   */
  static async load(manager: EntityManager, types: readonly AwardType[]): Promise<RuleBook> {
    const [row] = await query<{
      sets: unknown[] | null;
      versions: unknown[] | null;
      salaries: unknown[] | null;
    }>(
      manager,
      sql`SELECT (SELECT json_agg(s) FROM rule_set s) AS sets,
                (SELECT json_agg(v) FROM award_type_version v) AS versions,
                (SELECT json_agg(b) FROM base_salary b) AS salaries`,
    );
    // json_agg keeps each row under its columns' SQL names, so the one row mapper
    // hydrates it as it hydrates a plain row: dates stay 'YYYY-MM-DD', timestamps
    // become Dates, numerics go through their transformer.
    const hydrate = <T extends ObjectLiteral>(
      entity: ClassType<T>,
      rows: unknown[] | null | undefined,
    ): T[] => {
      const mapper = entityRows(manager, entity);
      return (rows ?? []).map((raw) => mapper.hydrate(raw as Record<string, unknown>));
    };
    return new RuleBook(
      types,
      hydrate(RuleSet, row?.sets),
      hydrate(AwardTypeVersion, row?.versions),
      hydrate(BaseSalary, row?.salaries),
    );
  }

  /** The type with `code`, or undefined. */
  typeByCode(code: string): AwardType | undefined {
    return this.typesByCode.get(code);
  }

  /** The type with `id`, or undefined. */
  typeById(id: string): AwardType | undefined {
    return this.typesById.get(id);
  }

  /** "Lao động tiên tiến" and "Lao động tiên tiến (Advanced Worker)", or the code itself. */
  label(code: string): LocalizedText {
    const type = this.typesByCode.get(code);
    if (!type) return { vi: code, en: code };
    return { vi: type.name, en: type.nameEn ? `${type.name} (${type.nameEn})` : type.name };
  }

  /** The rule set in force on `day` (`YYYY-MM-DD`), or undefined. */
  ruleSetOn(day: string): RuleSet | undefined {
    return this.ruleSets.find(
      (s) => s.validFrom <= day && (s.validTo === null || day <= s.validTo),
    );
  }

  /** The rule set with `id`. */
  ruleSet(id: string): RuleSet | undefined {
    return this.ruleSets.find((s) => s.id === id);
  }

  /** The version of a type that a rule set gives, or undefined. */
  versionIn(typeId: string, ruleSetId: string): AwardTypeVersion | undefined {
    return this.versionByTypeAndSet.get(`${typeId}/${ruleSetId}`);
  }

  /** The version of a type in force on `day`, with its rule set; undefined when none. */
  versionOn(
    typeId: string,
    day: string,
  ): { version: AwardTypeVersion; ruleSet: RuleSet } | undefined {
    const ruleSet = this.ruleSetOn(day);
    const version = ruleSet && this.versionIn(typeId, ruleSet.id);
    return ruleSet && version ? { version, ruleSet } : undefined;
  }

  /** Every version of a type, oldest rule set first. */
  versionsOf(typeId: string): AwardTypeVersion[] {
    return this.ruleSets
      .map((s) => this.versionIn(typeId, s.id))
      .filter((v): v is AwardTypeVersion => v !== undefined);
  }

  /**
   * The version clients see on the type itself: the one in force on `day`,
   * else the latest one before it, else the earliest one.
   */
  currentVersion(typeId: string, day: string): AwardTypeVersion | undefined {
    const inForce = this.versionOn(typeId, day);
    if (inForce) return inForce.version;
    const versions = this.versionsOf(typeId);
    const before = versions.filter((v) => this.ruleSet(v.ruleSetId)!.validFrom <= day);
    return before.at(-1) ?? versions[0];
  }

  /** The base salary in force on `day`, or undefined before the first row. */
  salaryOn(day: string): SalaryOnDay | undefined {
    let found: BaseSalary | undefined;
    for (const salary of this.salaries) {
      if (salary.validFrom <= day) found = salary;
      else break;
    }
    return found && { amount: found.amount, validFrom: found.validFrom };
  }

  /** The last day a base salary row is in force: the day before the next row, or null. */
  salaryValidTo(validFrom: string): string | null {
    const next = this.salaries.find((s) => s.validFrom > validFrom);
    return next ? addDays(next.validFrom, -1) : null;
  }

  /** The multiple a version gives a recipient kind, or null when it gives none. */
  static multipleFor(version: AwardTypeVersion, kind: RecipientKind): number | null {
    return kind === RecipientKind.INDIVIDUAL
      ? version.individualMultiple
      : version.collectiveMultiple;
  }

  /**
   * Orders titles from the highest: by level (national above provincial
   * above grassroots), then by catalogue order (Chiến sĩ thi đua cơ sở after,
   * and above, Lao động tiên tiến). Negative when type `a` ranks above `b`.
   */
  compareTitles(a: string, b: string): number {
    const typeA = this.typesById.get(a);
    const typeB = this.typesById.get(b);
    const level = (t: AwardType | undefined) => (t ? AWARD_LEVEL_ORDER.indexOf(t.level) : -1);
    return level(typeB) - level(typeA) || (typeB?.sortOrder ?? 0) - (typeA?.sortOrder ?? 0);
  }
}

/**
 * The bonus for `multiple` × `baseSalary`, rounded up to a multiple of
 * `roundingUnit` đồng (Decree 152/2025 Art. 49: up to the nearest 10,000).
 * Multiples have two decimals; the arithmetic is done in whole numbers, so
 * 0.3 × 2,340,000 is exactly 702,000 and rounds to 710,000.
 */
export function roundedBonus(multiple: number, baseSalary: number, roundingUnit: number): number {
  const hundredths = Math.round(multiple * 100);
  const unit = Math.max(1, roundingUnit);
  return Math.ceil((hundredths * baseSalary) / (100 * unit)) * unit;
}
