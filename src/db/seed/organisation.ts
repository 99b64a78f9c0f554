import type { EntityManager } from 'typeorm';
import { hashPassword } from '../../auth/passwords';
import { query, sql } from '../../common/sql';
import { Account, Role } from '../../modules/accounts/account.entity';
import { Gender, Person, PersonCategory, ReportCategory } from '../../modules/people/person.entity';
import { Unit, UnitKind } from '../../modules/units/unit.entity';

/** The password of every demo account but admin (documented in the README). */
export const DEMO_PASSWORD = 'demo-password';

type UnitSpec = [code: string, name: string, kind: UnitKind, parent: string | null];

/**
 * A provincial Propaganda and Mass Mobilization Department and the units
 * around it. Codes are the keys the rest of the seed refers to.
 */
const UNITS: UnitSpec[] = [
  ['LS', 'Tỉnh Lạng Sơn', UnitKind.PROVINCE, null],
  ['LS-TU', 'Tỉnh ủy Lạng Sơn', UnitKind.PARTY_COMMITTEE, 'LS'],
  ['LS-TGDV', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', UnitKind.DEPARTMENT, 'LS-TU'],
  ['LS-TGDV-VP', 'Văn phòng Ban', UnitKind.DIVISION, 'LS-TGDV'],
  ['LS-TGDV-TT', 'Phòng Tuyên truyền - Báo chí', UnitKind.DIVISION, 'LS-TGDV'],
  ['LS-TGDV-DV', 'Phòng Dân vận', UnitKind.DIVISION, 'LS-TGDV'],
  ['LS-TGDV-KG', 'Phòng Khoa giáo - Văn hóa, Văn nghệ', UnitKind.DIVISION, 'LS-TGDV'],
  ['LS-TGDV-LL', 'Phòng Lý luận chính trị và Lịch sử Đảng', UnitKind.DIVISION, 'LS-TGDV'],
  ['LS-TCTU', 'Ban Tổ chức Tỉnh ủy', UnitKind.DEPARTMENT, 'LS-TU'],
  ['LS-UBKT', 'Ủy ban Kiểm tra Tỉnh ủy', UnitKind.DEPARTMENT, 'LS-TU'],
  ['LS-MTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', UnitKind.ASSOCIATION, 'LS'],
  ['LS-HLHPN', 'Hội Liên hiệp Phụ nữ tỉnh', UnitKind.ASSOCIATION, 'LS'],
  ['LS-HND', 'Hội Nông dân tỉnh', UnitKind.ASSOCIATION, 'LS'],
  ['LS-DOAN', 'Tỉnh đoàn Lạng Sơn', UnitKind.ASSOCIATION, 'LS'],
  ['LS-DONGDANG', 'Xã Đồng Đăng', UnitKind.COMMUNE, 'LS'],
  ['LS-CAOLOC', 'Xã Cao Lộc', UnitKind.COMMUNE, 'LS'],
  ['LS-DIENLUC', 'Công ty Điện lực Lạng Sơn', UnitKind.ENTERPRISE, 'LS'],
];

type PersonSpec = [
  fullName: string,
  gender: Gender,
  position: string,
  category: PersonCategory,
  unit: string,
  isLeader: boolean,
  partyMember: boolean,
];

const { CADRE, CIVIL_SERVANT, PUBLIC_EMPLOYEE, WORKER } = PersonCategory;
const { MALE, FEMALE } = Gender;

/** The department's 40 cadres, civil servants and employees. */
const PEOPLE: PersonSpec[] = [
  ['Nguyễn Quốc Khánh', MALE, 'Trưởng ban', CADRE, 'LS-TGDV', true, true],
  ['Hoàng Thị Thu Hà', FEMALE, 'Phó Trưởng ban Thường trực', CADRE, 'LS-TGDV', true, true],
  ['Lương Văn Đức', MALE, 'Phó Trưởng ban', CADRE, 'LS-TGDV', true, true],
  ['Vi Thị Hồng Nhung', FEMALE, 'Phó Trưởng ban', CADRE, 'LS-TGDV', true, true],
  ['Đinh Công Thắng', MALE, 'Chánh Văn phòng', CIVIL_SERVANT, 'LS-TGDV-VP', true, true],
  ['Nông Thị Mai', FEMALE, 'Phó Chánh Văn phòng', CIVIL_SERVANT, 'LS-TGDV-VP', true, true],
  ['Lý Văn Sơn', MALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-VP', false, true],
  ['Chu Thị Lan Anh', FEMALE, 'Kế toán', PUBLIC_EMPLOYEE, 'LS-TGDV-VP', false, true],
  ['Hà Văn Tùng', MALE, 'Văn thư', PUBLIC_EMPLOYEE, 'LS-TGDV-VP', false, false],
  ['Triệu Thị Thảo', FEMALE, 'Thủ quỹ', PUBLIC_EMPLOYEE, 'LS-TGDV-VP', false, false],
  ['Mạc Văn Hùng', MALE, 'Lái xe', WORKER, 'LS-TGDV-VP', false, false],
  ['Đàm Văn Quân', MALE, 'Bảo vệ', WORKER, 'LS-TGDV-VP', false, false],
  ['Phạm Minh Tuấn', MALE, 'Trưởng phòng', CIVIL_SERVANT, 'LS-TGDV-TT', true, true],
  ['Lê Thị Bích Ngọc', FEMALE, 'Phó Trưởng phòng', CIVIL_SERVANT, 'LS-TGDV-TT', true, true],
  ['Hoàng Văn Long', MALE, 'Chuyên viên chính', CIVIL_SERVANT, 'LS-TGDV-TT', false, true],
  ['Vũ Thị Hương', FEMALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-TT', false, true],
  ['Nguyễn Đình Phúc', MALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-TT', false, true],
  ['Tô Thị Minh Châu', FEMALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-TT', false, false],
  ['Bế Văn Thành', MALE, 'Trưởng phòng', CIVIL_SERVANT, 'LS-TGDV-DV', true, true],
  ['Lăng Thị Dung', FEMALE, 'Phó Trưởng phòng', CIVIL_SERVANT, 'LS-TGDV-DV', true, true],
  ['Hứa Văn Khải', MALE, 'Chuyên viên chính', CIVIL_SERVANT, 'LS-TGDV-DV', false, true],
  ['Nông Văn Bình', MALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-DV', false, true],
  ['Dương Thị Thanh Tâm', FEMALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-DV', false, true],
  ['Hoàng Thị Yến', FEMALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-DV', false, true],
  ['Lộc Văn Tiến', MALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-DV', false, false],
  ['Trần Thị Kim Oanh', FEMALE, 'Trưởng phòng', CIVIL_SERVANT, 'LS-TGDV-KG', true, true],
  ['Đỗ Văn Hải', MALE, 'Phó Trưởng phòng', CIVIL_SERVANT, 'LS-TGDV-KG', true, true],
  ['Lục Thị Phương', FEMALE, 'Chuyên viên chính', CIVIL_SERVANT, 'LS-TGDV-KG', false, true],
  ['Vy Văn Toàn', MALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-KG', false, true],
  ['Ngô Thị Huyền', FEMALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-KG', false, true],
  ['Hoàng Đức Anh', MALE, 'Chuyên viên', PUBLIC_EMPLOYEE, 'LS-TGDV-KG', false, false],
  ['Đặng Văn Quyết', MALE, 'Trưởng phòng', CIVIL_SERVANT, 'LS-TGDV-LL', true, true],
  ['Chu Thị Ngân', FEMALE, 'Phó Trưởng phòng', CIVIL_SERVANT, 'LS-TGDV-LL', true, true],
  ['Bùi Văn Nam', MALE, 'Chuyên viên chính', CIVIL_SERVANT, 'LS-TGDV-LL', false, true],
  ['Lưu Thị Hạnh', FEMALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-LL', false, true],
  ['Nguyễn Thị Thu Trang', FEMALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-LL', false, true],
  ['Phùng Văn Lực', MALE, 'Chuyên viên', CIVIL_SERVANT, 'LS-TGDV-LL', false, true],
  ['Hoàng Văn Đạt', MALE, 'Chuyên viên', PUBLIC_EMPLOYEE, 'LS-TGDV-LL', false, false],
  ['Lâm Thị Quỳnh', FEMALE, 'Chuyên viên', PUBLIC_EMPLOYEE, 'LS-TGDV-TT', false, false],
  ['Đoàn Minh Hiếu', MALE, 'Chuyên viên', PUBLIC_EMPLOYEE, 'LS-TGDV-DV', false, true],
];

/**
 * Recruitment days (ngày tuyển dụng): everyone long before 2020 (a day worked
 * out from their place in the list), except the newest recruit, who joined
 * on 1 September 2025 and so is not considered for Lao động tiên tiến 2025.
 */
export const NEWEST_RECRUIT = { name: 'Lâm Thị Quỳnh', recruitedOn: '2025-09-01' } as const;

function recruitedOn(index: number, fullName: string): string {
  if (fullName === NEWEST_RECRUIT.name) return NEWEST_RECRUIT.recruitedOn;
  const year = 2000 + (index % 18);
  const month = String(1 + ((index * 5) % 12)).padStart(2, '0');
  return `${year}-${month}-01`;
}

/** Demo accounts, one per role besides admin; all use DEMO_PASSWORD. */
const ACCOUNTS: { username: string; role: Role; unit?: string; person?: string }[] = [
  { username: 'secretary', role: Role.SECRETARY },
  { username: 'council', role: Role.COUNCIL },
  { username: 'manager', role: Role.UNIT_MANAGER, unit: 'LS-TGDV' },
  { username: 'member', role: Role.MEMBER, person: 'Nguyễn Quốc Khánh' },
  { username: 'viewer', role: Role.VIEWER },
];

/** What the organisation seed made, for the seeds that build on it. */
export interface SeededOrganisation {
  units: Map<string, Unit>;
  people: Map<string, Person>;
}

/** Seeds the unit tree, the department's 40 people and the demo accounts. */
export async function seedOrganisation(manager: EntityManager): Promise<SeededOrganisation> {
  const units = new Map<string, Unit>();
  for (const [code, name, kind, parentCode] of UNITS) {
    const parent = parentCode ? units.get(parentCode) : undefined;
    const [{ id }] = await query<{ id: string }>(manager, sql`SELECT gen_random_uuid() AS id`);
    const unit = manager.create(Unit, {
      id,
      code,
      name,
      kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
    });
    await manager.insert(Unit, unit);
    units.set(code, unit);
  }
  const people = new Map<string, Person>();
  for (const [
    index,
    [fullName, gender, position, category, unitCode, isLeader, partyMember],
  ] of PEOPLE.entries()) {
    const person = manager.create(Person, {
      fullName,
      gender,
      position,
      category,
      isLeader,
      reportCategory: reportCategoryOf(position, isLeader),
      partyMember,
      recruitedOn: recruitedOn(index, fullName),
      unitId: units.get(unitCode)!.id,
    });
    await manager.insert(Person, person);
    people.set(fullName, person);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const spec of ACCOUNTS) {
    await manager.insert(Account, {
      username: spec.username,
      passwordHash,
      role: spec.role,
      unitId: spec.unit ? units.get(spec.unit)!.id : null,
      personId: spec.person ? people.get(spec.person)!.id : null,
    });
  }
  return { units, people };
}

/** Where a seeded person is counted in the statistical reports: the department's leaders, division leaders, the rest. */
function reportCategoryOf(position: string, isLeader: boolean): ReportCategory {
  if (/^(Phó )?Trưởng ban/.test(position)) return ReportCategory.DEPARTMENT_LEADER;
  return isLeader ? ReportCategory.DEPUTY_HEAD_AND_ABOVE : ReportCategory.DIRECT_WORKER;
}
