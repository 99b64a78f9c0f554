import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { vietnamToday } from '../../common/dates';
import { LocalDateScalar } from '../../common/scalars';
import type { Context } from '../../context';
import { render } from '../../i18n/i18n';
import { Role } from '../accounts/account.entity';
import { AwardType } from './award-type.entity';
import { AwardService } from './award.service';
import { AwardRule } from './award.types';
import { basisText, readBasis, type Basis } from './legal-basis';
import { SetBaseSalaryInput } from './award.inputs';
import { BaseSalaryService } from './base-salary.service';
import { RuleBook } from './rule-book';
import { AwardTypeVersion, BaseSalary, RuleSet } from './rule-set.entity';

/**
 * The law as data, read once per request: the catalogue, the rule sets with
 * every type's version, and the base salaries. A handful of rows, so two
 * statements serve a request however its awards are nested, which keeps the
 * statement count of a page independent of its size.
 */
export function bookOf(ctx: Context): Promise<RuleBook> {
  return ctx.loaders
    .get<string, RuleBook>('RuleBook', async (keys) => {
      const book = await ctx.services.get(AwardService).book();
      return keys.map(() => book);
    })
    .load('all');
}

/** The whole catalogue, from the request's rule book. */
export async function catalogueOf(ctx: Context): Promise<readonly AwardType[]> {
  return (await bookOf(ctx)).types;
}

/** The award type with `id`, from the request's catalogue. */
export async function awardTypeOf(ctx: Context, id: string): Promise<AwardType> {
  const type = (await bookOf(ctx)).typeById(id);
  // A type added after the catalogue was read (in this very request) is read on its own.
  return type ?? ((await ctx.loaders.byId(AwardType).load(id)) as AwardType);
}

/** A legal basis in the reader's language. */
export function basisIn(ctx: Context, basis: Basis | null | undefined): string | null {
  return basisText(readBasis(basis))?.[ctx.language] ?? null;
}

/** The rules of a version, described in the reader's language. */
export async function rulesOf(ctx: Context, version: AwardTypeVersion): Promise<AwardRule[]> {
  const book = await bookOf(ctx);
  return ctx.services
    .get(AwardService)
    .describeRules(version, book)
    .map((rule) => ({
      code: rule.code,
      description: render(rule.description, ctx.language),
      legalBasis: rule.legalBasis?.[ctx.language] ?? null,
    }));
}

@Resolver(() => AwardType)
export class AwardTypeResolver {
  @Query(() => [AwardType], {
    description: 'The award catalogue, in display order. Any signed-in role.',
  })
  async awardTypes(@Ctx() ctx: Context): Promise<readonly AwardType[]> {
    return catalogueOf(ctx);
  }

  /** The version clients see on the type: today's, else the nearest one. */
  private async current(type: AwardType, ctx: Context): Promise<AwardTypeVersion | undefined> {
    return (await bookOf(ctx)).currentVersion(type.id, vietnamToday());
  }

  @FieldResolver(() => Float, { description: 'Cash bonus as a multiple of the base salary.' })
  async bonusMultiple(@Root() type: AwardType, @Ctx() ctx: Context): Promise<number> {
    const version = await this.current(type, ctx);
    return version?.individualMultiple ?? version?.collectiveMultiple ?? 0;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Bonus of an individual as a multiple of the base salary, under the rule set in force today; null when not for individuals.',
  })
  async individualBonusMultiple(
    @Root() type: AwardType,
    @Ctx() ctx: Context,
  ): Promise<number | null> {
    return (await this.current(type, ctx))?.individualMultiple ?? null;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Bonus of a collective as a multiple of the base salary, under the rule set in force today; null when not for collectives.',
  })
  async collectiveBonusMultiple(
    @Root() type: AwardType,
    @Ctx() ctx: Context,
  ): Promise<number | null> {
    return (await this.current(type, ctx))?.collectiveMultiple ?? null;
  }

  @FieldResolver(() => Float, {
    description: 'Share of all council members whose yes vote approves a nomination, 0..1.',
  })
  async approvalThreshold(@Root() type: AwardType, @Ctx() ctx: Context): Promise<number> {
    return (await this.current(type, ctx))?.approvalThreshold ?? 1;
  }

  @FieldResolver(() => [AwardRule], {
    description: 'The rules checked before a nomination is accepted, human-readable.',
  })
  async rules(@Root() type: AwardType, @Ctx() ctx: Context): Promise<AwardRule[]> {
    const version = await this.current(type, ctx);
    return version ? rulesOf(ctx, version) : [];
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The article of the law the type rests on, under the rule set in force today, e.g. Law on Emulation and Commendation 06/2022/QH15, Art. 24.',
  })
  async legalBasis(@Root() type: AwardType, @Ctx() ctx: Context): Promise<string | null> {
    return basisIn(ctx, (await this.current(type, ctx))?.typeCitations);
  }

  @FieldResolver(() => [AwardTypeVersion], {
    description: 'Every version of the type, one per rule set, oldest first.',
  })
  async versions(@Root() type: AwardType, @Ctx() ctx: Context): Promise<AwardTypeVersion[]> {
    return (await bookOf(ctx)).versionsOf(type.id);
  }

  @FieldResolver(() => AwardTypeVersion, {
    nullable: true,
    description: 'The version in force on a day (today by default); null when none is.',
  })
  async versionOn(
    @Root() type: AwardType,
    @Ctx() ctx: Context,
    @Arg('date', () => LocalDateScalar, {
      nullable: true,
      description: 'The day, e.g. a decision date; today in Vietnam by default.',
    })
    date?: string | null,
  ): Promise<AwardTypeVersion | null> {
    return (await bookOf(ctx)).versionOn(type.id, date ?? vietnamToday())?.version ?? null;
  }
}

@Resolver(() => AwardTypeVersion)
export class AwardTypeVersionResolver {
  @FieldResolver(() => AwardType, { description: 'The award type this is a version of.' })
  awardType(@Root() version: AwardTypeVersion, @Ctx() ctx: Context): Promise<AwardType> {
    return awardTypeOf(ctx, version.awardTypeId);
  }

  @FieldResolver(() => RuleSet, { description: 'The rule set (decree) it belongs to.' })
  async ruleSet(@Root() version: AwardTypeVersion, @Ctx() ctx: Context): Promise<RuleSet> {
    return (await bookOf(ctx)).ruleSet(version.ruleSetId)!;
  }

  @FieldResolver(() => LocalDateScalar, { description: 'First day in force (its rule set’s).' })
  async validFrom(@Root() version: AwardTypeVersion, @Ctx() ctx: Context): Promise<string> {
    return (await bookOf(ctx)).ruleSet(version.ruleSetId)!.validFrom;
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day in force (its rule set’s); null while in force.',
  })
  async validTo(@Root() version: AwardTypeVersion, @Ctx() ctx: Context): Promise<string | null> {
    return (await bookOf(ctx)).ruleSet(version.ruleSetId)!.validTo;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Bonus of an individual as a multiple of the base salary; null when none.',
  })
  individualBonusMultiple(@Root() version: AwardTypeVersion): number | null {
    return version.individualMultiple;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Bonus of a collective as a multiple of the base salary; null when none.',
  })
  collectiveBonusMultiple(@Root() version: AwardTypeVersion): number | null {
    return version.collectiveMultiple;
  }

  @FieldResolver(() => Float, {
    description: 'Share of all council members whose yes vote approves, 0..1.',
  })
  approvalThreshold(@Root() version: AwardTypeVersion): number {
    return version.approvalThreshold;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'What the approval threshold rests on.',
  })
  approvalBasis(@Root() version: AwardTypeVersion, @Ctx() ctx: Context): string | null {
    return basisIn(ctx, version.approvalCitations);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'What the bonus multiples rest on.',
  })
  moneyBasis(@Root() version: AwardTypeVersion, @Ctx() ctx: Context): string | null {
    return basisIn(ctx, version.moneyCitations);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The article that defines the type.',
  })
  legalBasis(@Root() version: AwardTypeVersion, @Ctx() ctx: Context): string | null {
    return basisIn(ctx, version.typeCitations);
  }

  @FieldResolver(() => [AwardRule], {
    description: 'The rules a nomination is checked against under this version.',
  })
  rules(@Root() version: AwardTypeVersion, @Ctx() ctx: Context): Promise<AwardRule[]> {
    return rulesOf(ctx, version);
  }
}

@Resolver(() => RuleSet)
export class RuleSetResolver {
  @Query(() => [RuleSet], { description: 'The rule sets (versions of the law), oldest first.' })
  async ruleSets(@Ctx() ctx: Context): Promise<readonly RuleSet[]> {
    return (await bookOf(ctx)).ruleSets;
  }

  @FieldResolver(() => Boolean, { description: 'In force today (in Vietnam).' })
  inForce(@Root() ruleSet: RuleSet): boolean {
    const today = vietnamToday();
    return ruleSet.validFrom <= today && (ruleSet.validTo === null || today <= ruleSet.validTo);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'What the quorum rests on (a local rule by default).',
  })
  quorumBasis(@Root() ruleSet: RuleSet, @Ctx() ctx: Context): string | null {
    return basisIn(ctx, ruleSet.quorumCitations);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'What the rounding and highest-title rules rest on.',
  })
  moneyBasis(@Root() ruleSet: RuleSet, @Ctx() ctx: Context): string | null {
    return basisIn(ctx, ruleSet.moneyCitations);
  }

  @FieldResolver(() => [AwardTypeVersion], {
    description: 'The version of every award type under this rule set, in catalogue order.',
  })
  async versions(@Root() ruleSet: RuleSet, @Ctx() ctx: Context): Promise<AwardTypeVersion[]> {
    const book = await bookOf(ctx);
    return book.types
      .map((t) => book.versionIn(t.id, ruleSet.id))
      .filter((v): v is AwardTypeVersion => v !== undefined);
  }
}

@Resolver(() => BaseSalary)
export class BaseSalaryResolver {
  @Query(() => [BaseSalary], { description: 'The dated base salary table, oldest first.' })
  async baseSalaries(@Ctx() ctx: Context): Promise<readonly BaseSalary[]> {
    return (await bookOf(ctx)).salaries;
  }

  @Query(() => BaseSalary, {
    nullable: true,
    description: 'The base salary in force on a day (today by default); null before the first row.',
  })
  async baseSalaryOn(
    @Ctx() ctx: Context,
    @Arg('date', () => LocalDateScalar, {
      nullable: true,
      description: 'The day; today in Vietnam by default.',
    })
    date?: string | null,
  ): Promise<BaseSalary | null> {
    const book = await bookOf(ctx);
    const found = book.salaryOn(date ?? vietnamToday());
    return found ? (book.salaries.find((s) => s.validFrom === found.validFrom) ?? null) : null;
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description: 'Last day in force: the day before the next row; null for the latest.',
  })
  async validTo(@Root() salary: BaseSalary, @Ctx() ctx: Context): Promise<string | null> {
    return (await bookOf(ctx)).salaryValidTo(salary.validFrom);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => BaseSalary, {
    description:
      'ADMIN: sets the base salary in force from a day (adds the row, or corrects the one of that day). Bonuses of decisions from that day on follow it.',
  })
  setBaseSalary(
    @Arg('input', () => SetBaseSalaryInput, {
      description: 'The first day, the amount in đồng (1 to 100,000,000) and the act that set it.',
    })
    input: SetBaseSalaryInput,
    @Ctx() ctx: Context,
  ): Promise<BaseSalary> {
    return ctx.services.get(BaseSalaryService).set(input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, {
    description:
      'ADMIN: removes the row in force from a day (the previous one then covers its period). NOT_FOUND when there is none.',
  })
  removeBaseSalary(
    @Arg('validFrom', () => LocalDateScalar, { description: 'First day of the row to remove.' })
    validFrom: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.get(BaseSalaryService).remove(validFrom);
  }
}
