import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The achievements an award cites. `active` turns false when the award is
 * REJECTED or REVOKED; a partial unique index on active rows enforces
 * "one achievement, one award" in the database, so concurrent nominations
 * citing the same achievement cannot both succeed.
 */
@Entity('award_achievement')
export class AwardAchievement {
  @PrimaryColumn({ name: 'award_id', type: 'uuid' })
  awardId!: string;

  @PrimaryColumn({ name: 'achievement_id', type: 'uuid' })
  achievementId!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
