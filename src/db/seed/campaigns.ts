import type { EntityManager } from 'typeorm';
import {
  Achievement,
  AchievementKind,
  AchievementStatus,
  InitiativeLevel,
} from '../../modules/achievements/achievement.entity';
import { ModelReplication } from '../../modules/achievements/model-replication.entity';
import { CampaignRegistration } from '../../modules/campaigns/campaign-registration.entity';
import { CampaignReview, ReviewKind } from '../../modules/campaigns/campaign-review.entity';
import { Campaign, CampaignKind, CampaignStatus } from '../../modules/campaigns/campaign.entity';
import type { SeededOrganisation } from './organisation';

/** Codes of the demo campaigns. */
export const DEMO_CAMPAIGNS = {
  /** Dân vận khéo 2020-2025: THEMATIC, LAUNCHED, organised by LS-TGDV. */
  skilledMassMobilization: 'DVK-2020-2025',
  /** The 2025-2030 patriotic emulation movement: REGULAR, DRAFT, to be launched at the conference. */
  movement2025: 'TDYN-2025-2030',
} as const;

/** What the campaign seed made, for the seeds that build on it (awards cite these achievements). */
export interface SeededCampaigns {
  campaigns: Map<string, Campaign>;
  /** VERIFIED achievements of each person, by full name, oldest first. */
  verifiedByPerson: Map<string, Achievement[]>;
  /** VERIFIED achievements of each collective, by unit code, oldest first. */
  verifiedByUnit: Map<string, Achievement[]>;
}

/** Units that pledged to Dân vận khéo, with the date and their pledge. */
const PLEDGES: [unit: string, registeredOn: string, pledge: string][] = [
  ['LS-TGDV-VP', '2020-02-10', 'Cải cách hành chính, phục vụ tận tình cán bộ và nhân dân.'],
  ['LS-TGDV-TT', '2020-02-10', 'Tuyên truyền sâu rộng các mô hình Dân vận khéo trên báo chí.'],
  ['LS-TGDV-DV', '2020-02-11', 'Mỗi cán bộ một mô hình Dân vận khéo gắn với cơ sở.'],
  ['LS-TGDV-KG', '2020-02-12', 'Dân vận khéo trong giáo dục, văn hóa và văn nghệ.'],
  ['LS-TGDV-LL', '2020-02-12', 'Đưa nghị quyết vào cuộc sống bằng cách làm gần dân.'],
  ['LS-MTTQ', '2020-02-20', 'Phát huy khối đại đoàn kết toàn dân tộc ở khu dân cư.'],
  ['LS-HLHPN', '2020-02-25', 'Phụ nữ dân vận khéo, xây dựng gia đình hạnh phúc.'],
  ['LS-HND', '2020-03-02', 'Nông dân thi đua sản xuất, kinh doanh giỏi.'],
  ['LS-DOAN', '2020-03-05', 'Tuổi trẻ xung kích, tình nguyện vì cộng đồng.'],
  ['LS-DONGDANG', '2020-03-10', 'Vận động nhân dân hiến đất làm đường, xây dựng nông thôn mới.'],
  [
    'LS-CAOLOC',
    '2020-03-12',
    'Dân vận khéo trong giải phóng mặt bằng và phát triển kinh tế cửa khẩu.',
  ],
];

type Holder = { person: string } | { unit: string };

interface AchievementSpec {
  title: string;
  holder: Holder;
  kind: AchievementKind;
  level?: InitiativeLevel;
  achievedOn: string;
  /** Under Dân vận khéo (the default) or none. */
  campaign?: boolean;
  status?: AchievementStatus;
  /** Units that replicated it (an advanced model), with the date. */
  replicatedBy?: [unit: string, on: string, note: string][];
}

const { INITIATIVE, RESULT } = AchievementKind;
const { GRASSROOTS, PROVINCIAL } = InitiativeLevel;

/**
 * The department's recognised work of 2020-2025: skilled mass-mobilisation
 * models (three of them advanced models replicated elsewhere), initiatives of
 * earlier years (the basis of emulation-fighter titles), and one result of
 * 2025 for each of the 15 people and 2 collectives the conference commends.
 */
const ACHIEVEMENTS: AchievementSpec[] = [
  // Advanced models of Dân vận khéo, replicated in other units.
  {
    title: 'Mô hình "Dân vận khéo trong vận động hiến đất làm đường giao thông nông thôn"',
    holder: { person: 'Bế Văn Thành' },
    kind: RESULT,
    achievedOn: '2022-08-15',
    replicatedBy: [
      ['LS-DONGDANG', '2023-03-01', 'Áp dụng tại 6 thôn, làm mới 4,2 km đường.'],
      ['LS-CAOLOC', '2023-05-20', 'Nhân rộng trong xây dựng nông thôn mới.'],
    ],
  },
  {
    title: 'Mô hình "Chi hội phụ nữ dân vận khéo giữ gìn bản sắc văn hóa dân tộc"',
    holder: { unit: 'LS-TGDV-DV' },
    kind: RESULT,
    achievedOn: '2023-10-20',
    replicatedBy: [['LS-HLHPN', '2024-03-08', 'Triển khai tại 12 chi hội cơ sở.']],
  },
  {
    title: 'Mô hình "Tuyên truyền Dân vận khéo trên nền tảng số"',
    holder: { person: 'Phạm Minh Tuấn' },
    kind: RESULT,
    achievedOn: '2024-06-10',
    replicatedBy: [['LS-DOAN', '2024-09-01', 'Đoàn viên làm tuyên truyền viên số.']],
  },
  // Initiatives of earlier years.
  {
    title: 'Sáng kiến quy trình thẩm định văn bản tuyên truyền',
    holder: { person: 'Nguyễn Quốc Khánh' },
    kind: INITIATIVE,
    level: PROVINCIAL,
    achievedOn: '2023-11-15',
    campaign: false,
  },
  {
    title: 'Sáng kiến số hóa hồ sơ lưu trữ của Ban',
    holder: { person: 'Hoàng Thị Thu Hà' },
    kind: INITIATIVE,
    level: GRASSROOTS,
    achievedOn: '2024-10-05',
    campaign: false,
  },
  {
    title: 'Sáng kiến sổ tay dân vận cho cán bộ cơ sở',
    holder: { person: 'Bế Văn Thành' },
    kind: INITIATIVE,
    level: GRASSROOTS,
    achievedOn: '2024-09-12',
    campaign: false,
  },
  {
    title: 'Sáng kiến bộ câu hỏi định hướng dư luận xã hội',
    holder: { person: 'Phạm Minh Tuấn' },
    kind: INITIATIVE,
    level: GRASSROOTS,
    achievedOn: '2023-08-30',
    campaign: false,
  },
  // Not yet recognised, and one that was not.
  {
    title: 'Đề xuất mô hình "Cà phê dân vận cuối tuần"',
    holder: { person: 'Nông Văn Bình' },
    kind: RESULT,
    achievedOn: '2025-10-01',
    status: AchievementStatus.PROPOSED,
  },
  {
    title: 'Đề xuất chuyên mục phát thanh dân vận',
    holder: { person: 'Hứa Văn Khải' },
    kind: RESULT,
    achievedOn: '2025-04-10',
    status: AchievementStatus.REJECTED,
  },
];

/** The 15 people and 2 collectives with a verified 2025 result (what the Giấy khen awards cite). */
export const COMMENDED_PEOPLE = [
  'Nguyễn Quốc Khánh',
  'Hoàng Thị Thu Hà',
  'Đinh Công Thắng',
  'Lý Văn Sơn',
  'Chu Thị Lan Anh',
  'Phạm Minh Tuấn',
  'Hoàng Văn Long',
  'Vũ Thị Hương',
  'Bế Văn Thành',
  'Dương Thị Thanh Tâm',
  'Trần Thị Kim Oanh',
  'Lục Thị Phương',
  'Đặng Văn Quyết',
  'Lưu Thị Hạnh',
  'Đoàn Minh Hiếu',
];
export const COMMENDED_UNITS = ['LS-TGDV-DV', 'LS-TGDV-TT'];

function yearResults(): AchievementSpec[] {
  return [
    ...COMMENDED_PEOPLE.map((person, i) => ({
      title: 'Hoàn thành xuất sắc nhiệm vụ, tiêu biểu trong phong trào Dân vận khéo năm 2025',
      holder: { person },
      kind: RESULT,
      achievedOn: `2025-11-${String(10 + (i % 10)).padStart(2, '0')}`,
    })),
    ...COMMENDED_UNITS.map((unit) => ({
      title: 'Tập thể tiêu biểu trong phong trào Dân vận khéo giai đoạn 2020-2025',
      holder: { unit },
      kind: RESULT,
      achievedOn: '2025-11-20',
    })),
  ];
}

/**
 * Seeds the demo campaigns: Dân vận khéo 2020-2025 (LAUNCHED, with the
 * pledges of 11 units, an interim review and the achievements above) and
 * the 2025-2030 movement as a DRAFT. Rows are written directly, not through
 * the services: the pledges and achievements are history, dated in the past.
 */
export async function seedCampaigns(
  manager: EntityManager,
  organisation: SeededOrganisation,
): Promise<SeededCampaigns> {
  const unit = (code: string) => {
    const found = organisation.units.get(code);
    if (!found) throw new Error(`seed: no unit ${code}`);
    return found;
  };
  const person = (name: string) => {
    const found = organisation.people.get(name);
    if (!found) throw new Error(`seed: no person ${name}`);
    return found;
  };
  const department = unit('LS-TGDV');

  const dvk = manager.create(Campaign, {
    code: DEMO_CAMPAIGNS.skilledMassMobilization,
    name: 'Phong trào thi đua "Dân vận khéo" giai đoạn 2020-2025',
    theme: 'Dân vận khéo',
    description:
      'Phong trào thi đua chuyên đề: mỗi cán bộ, mỗi đơn vị xây dựng và nhân rộng các mô hình "Dân vận khéo" gần dân, sát cơ sở.',
    kind: CampaignKind.THEMATIC,
    status: CampaignStatus.LAUNCHED,
    startsOn: '2020-01-01',
    endsOn: '2025-12-31',
    organizerId: department.id,
    launchedAt: new Date('2020-01-15T02:00:00.000Z'),
    launchedAtConferenceId: null,
    closedAt: null,
  });
  const movement = manager.create(Campaign, {
    code: DEMO_CAMPAIGNS.movement2025,
    name: 'Phong trào thi đua yêu nước giai đoạn 2025-2030',
    theme: 'Đoàn kết - Trách nhiệm - Sáng tạo - Gần dân',
    description:
      'Phong trào thi đua thường xuyên của Ban Tuyên giáo và Dân vận Tỉnh ủy giai đoạn 2025-2030.',
    kind: CampaignKind.REGULAR,
    status: CampaignStatus.DRAFT,
    startsOn: '2025-01-01',
    endsOn: '2030-12-31',
    organizerId: department.id,
    launchedAt: null,
    launchedAtConferenceId: null,
    closedAt: null,
  });
  await manager.insert(Campaign, [dvk, movement]);

  for (const [i, [code, registeredOn, pledge]] of PLEDGES.entries()) {
    await manager.insert(CampaignRegistration, {
      campaignId: dvk.id,
      unitId: unit(code).id,
      pledge,
      conferenceId: null,
      // In list order, also for the pledges of one day.
      registeredAt: new Date(`${registeredOn}T03:${String(10 + i).padStart(2, '0')}:00.000Z`),
    });
  }
  await manager.insert(CampaignReview, {
    campaignId: dvk.id,
    kind: ReviewKind.INTERIM,
    heldOn: '2022-12-20',
    summary:
      'Sơ kết 3 năm: 11 đơn vị đăng ký, hơn 120 mô hình Dân vận khéo được công nhận ở cơ sở.',
    conferenceId: null,
  });

  const verifiedByPerson = new Map<string, Achievement[]>();
  const verifiedByUnit = new Map<string, Achievement[]>();
  const specs = [...ACHIEVEMENTS, ...yearResults()].sort((a, b) =>
    a.achievedOn.localeCompare(b.achievedOn),
  );
  for (const spec of specs) {
    const status = spec.status ?? AchievementStatus.VERIFIED;
    const holder =
      'person' in spec.holder
        ? {
            personId: person(spec.holder.person).id,
            unitId: null,
            holderUnitId: person(spec.holder.person).unitId,
          }
        : {
            personId: null,
            unitId: unit(spec.holder.unit).id,
            holderUnitId: unit(spec.holder.unit).id,
          };
    const achievement = manager.create(Achievement, {
      title: spec.title,
      description: null,
      kind: spec.kind,
      initiativeLevel: spec.level ?? null,
      ...holder,
      campaignId: spec.campaign === false ? null : dvk.id,
      achievedOn: spec.achievedOn,
      status,
      advancedModel: Boolean(spec.replicatedBy),
      verifiedAt:
        status === AchievementStatus.VERIFIED ? new Date(`${spec.achievedOn}T09:00:00Z`) : null,
    });
    await manager.insert(Achievement, achievement);
    for (const [code, replicatedOn, note] of spec.replicatedBy ?? []) {
      await manager.insert(ModelReplication, {
        achievementId: achievement.id,
        unitId: unit(code).id,
        replicatedOn,
        note,
      });
    }
    if (status !== AchievementStatus.VERIFIED) continue;
    const [map, key] =
      'person' in spec.holder
        ? [verifiedByPerson, spec.holder.person]
        : [verifiedByUnit, spec.holder.unit];
    map.set(key, [...(map.get(key) ?? []), achievement]);
  }

  return {
    campaigns: new Map([
      [dvk.code, dvk],
      [movement.code, movement],
    ]),
    verifiedByPerson,
    verifiedByUnit,
  };
}
