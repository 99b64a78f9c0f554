import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { Recipient, recipientOf } from '../../common/recipient';
import type { PropertyOrder } from '../../common/rows';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { AnnualRating } from './annual-rating.entity';
import { RecordAnnualRatingInput, RecordUnitRatingsInput } from './rating.inputs';
import { RatingService } from './rating.service';

/** Ratings are listed newest year first (one a year per person or unit). */
const RATING_ORDER: PropertyOrder<AnnualRating> = { year: 'DESC' };

/** A unit's members are listed by name. */
const MEMBER_ORDER: PropertyOrder<Person> = { fullName: 'ASC', id: 'ASC' };

@ObjectType({ description: 'What recordUnitRatings recorded for a unit and year.' })
export class UnitRatings {
  @Field(() => Unit, { description: 'The unit reviewed.' })
  unit!: Unit;

  @Field(() => Int, { description: 'The year reviewed.' })
  year!: number;

  @Field(() => AnnualRating, {
    nullable: true,
    description: 'The unit’s own rating as a collective, if it has one.',
  })
  unitRating!: AnnualRating | null;

  @Field(() => [AnnualRating], { description: 'The members’ ratings recorded, in input order.' })
  memberRatings!: AnnualRating[];
}

@ObjectType({ description: 'A member of a unit with their rating for a year, if any.' })
export class MemberRating {
  @Field(() => Person, { description: 'The member.' })
  person!: Person;

  @Field(() => AnnualRating, {
    nullable: true,
    description: 'Their rating; null when not rated yet.',
  })
  rating!: AnnualRating | null;
}

@Resolver(() => AnnualRating)
export class AnnualRatingResolver {
  @Authorized(Role.UNIT_MANAGER, Role.SECRETARY)
  @Mutation(() => AnnualRating, {
    description:
      "Records a person's or unit's year-end rating (replacing any earlier one). UNIT_MANAGER in its own unit and subunits; SECRETARY anywhere.",
  })
  recordAnnualRating(
    @Arg('input', () => RecordAnnualRatingInput, {
      description: 'The person or unit, the year and the rating.',
    })
    input: RecordAnnualRatingInput,
    @Ctx() ctx: Context,
  ): Promise<AnnualRating> {
    return ctx.services.get(RatingService).record(requireActor(ctx), input);
  }

  @Authorized(Role.UNIT_MANAGER, Role.SECRETARY)
  @Mutation(() => UnitRatings, {
    description:
      "Records a unit's year-end review at once: its own rating and its members' ratings, in one transaction.",
  })
  recordUnitRatings(
    @Arg('input', () => RecordUnitRatingsInput, {
      description: 'The unit, the year, its own rating and its members’ ratings.',
    })
    input: RecordUnitRatingsInput,
    @Ctx() ctx: Context,
  ): Promise<UnitRatings> {
    return ctx.services.get(RatingService).recordForUnit(requireActor(ctx), input);
  }

  @FieldResolver(() => Recipient, { description: 'The person or unit rated.' })
  recipient(@Root() rating: AnnualRating, @Ctx() ctx: Context): Promise<Person | Unit> {
    return recipientOf(ctx.loaders, rating);
  }
}

@Resolver(() => Person)
export class PersonRatingsResolver {
  @FieldResolver(() => [AnnualRating], {
    description: "The person's year-end ratings, newest year first.",
  })
  annualRatings(@Root() person: Person, @Ctx() ctx: Context): Promise<AnnualRating[]> {
    return ctx.loaders.manyBy(AnnualRating, 'personId', RATING_ORDER).load(person.id);
  }
}

@Resolver(() => Unit)
export class UnitRatingsResolver {
  @FieldResolver(() => [AnnualRating], {
    description: "The unit's own year-end ratings as a collective, newest year first.",
  })
  annualRatings(@Root() unit: Unit, @Ctx() ctx: Context): Promise<AnnualRating[]> {
    return ctx.loaders.manyBy(AnnualRating, 'unitId', RATING_ORDER).load(unit.id);
  }

  @FieldResolver(() => [MemberRating], {
    description:
      'Every member of the unit (people whose unit it is), by name, with their rating for the year: what is left to rate before the review.',
  })
  memberRatings(
    @Root() unit: Unit,
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { description: 'The year reviewed.' }) year: number,
  ): Promise<MemberRating[]> {
    return ctx.loaders
      .get<string, MemberRating[]>(`Unit.memberRatings:${year}`, (ids) =>
        ctx.services
          .get(RatingService)
          .membersOf(ids, year, (units) =>
            ctx.loaders.manyBy(Person, 'unitId', MEMBER_ORDER).loadMany(units),
          ),
      )
      .load(unit.id);
  }
}
