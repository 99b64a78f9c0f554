import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { checkEntityRows, entityRows } from '../../src/common/rows';
import { sql } from '../../src/common/sql';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { AwardType } from '../../src/modules/awards/award-type.entity';
import { RuleBook } from '../../src/modules/awards/rule-book';
import { AwardTypeVersion, BaseSalary, RuleSet } from '../../src/modules/awards/rule-set.entity';
import { entities } from '../../src/modules/entities';
import { Person } from '../../src/modules/people/person.entity';
import { Unit } from '../../src/modules/units/unit.entity';
import { buildPerson, buildUnit } from '../helpers/factories';
import { createTestDatabase, startTestApp, type TestApp } from '../helpers/app';

/** An entity with a relation: its rows are more than plain columns. */
@Entity('unit')
class UnitWithParent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @ManyToOne(() => UnitWithParent)
  parent!: UnitWithParent | null;
}

describe('the row mapper', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t?.stop());

  it('maps every entity of the app', () => {
    expect(() => checkEntityRows(t.dataSource)).not.toThrow();
  });

  it('hydrates rows as TypeORM does: transformers, dates, generated columns', async () => {
    const unit = await buildUnit(t.dataSource, { code: 'ROWS-1' });
    const person = await buildPerson(t.dataSource, { unit, fullName: 'Đặng Thị Yến' });
    const manager = t.dataSource.manager;
    const [mapped] = await entityRows(manager, Person).select(manager, sql`t.id = ${person.id}`);
    expect(mapped).toBeInstanceOf(Person);
    expect(mapped).toEqual(await manager.findOneByOrFail(Person, { id: person.id }));
    expect(mapped?.searchName).toBe('dang thi yen');
    const types = await entityRows(manager, AwardType).select(manager, sql`true`, { code: 'ASC' });
    expect(types).toEqual(await manager.find(AwardType, { order: { code: 'ASC' } }));
    // A numeric column comes through its transformer, as TypeORM reads it.
    const versions = await entityRows(manager, AwardTypeVersion).select(manager);
    expect(versions).toEqual(await manager.find(AwardTypeVersion));
    expect(typeof versions[0]?.approvalThreshold).toBe('number');
    const [byCode] = await entityRows(manager, Unit).selectIn(manager, 'code', ['ROWS-1']);
    expect(byCode).toEqual(await manager.findOneByOrFail(Unit, { id: unit.id }));
  });

  it('hydrates the rule book (rows read as JSON) exactly as TypeORM reads the tables', async () => {
    const manager = t.dataSource.manager;
    const book = await RuleBook.load(manager, []);
    const salaries = await manager.find(BaseSalary, { order: { validFrom: 'ASC' } });
    expect(book.salaries.length).toBeGreaterThan(0);
    expect(book.salaries).toEqual(salaries);
    for (const salary of book.salaries) {
      expect(salary).toBeInstanceOf(BaseSalary);
      expect(salary.updatedAt).toBeInstanceOf(Date);
      expect(salary.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof salary.amount).toBe('number');
    }
    expect(book.ruleSets).toEqual(await manager.find(RuleSet, { order: { validFrom: 'ASC' } }));
    const versions = await manager.find(AwardTypeVersion);
    for (const version of versions) {
      expect(book.versionIn(version.awardTypeId, version.ruleSetId)).toEqual(version);
    }
    expect(typeof book.ruleSets[0]?.highestTitleOnly).toBe('boolean');
  });

  it('names the column of a property, and refuses a property without one', () => {
    const rows = entityRows(t.dataSource, Person);
    expect(rows.columnName('fullName')).toBe('full_name');
    expect(() => rows.columnName('nope' as never)).toThrow('Person has no column for nope');
  });

  it('stops the app from starting when an entity cannot be mapped', async () => {
    const config = loadConfig({
      DATABASE_URL: await createTestDatabase(),
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    });
    entities.push(UnitWithParent as never);
    try {
      await expect(openDatabase(config, createLogger('silent'))).rejects.toThrow(
        'Entity UnitWithParent cannot be read as plain rows: it has relations (parent)',
      );
    } finally {
      entities.pop();
    }
    // The same database opens once the entity is gone: the check, not the database, refused.
    const database = await openDatabase(config, createLogger('silent'));
    await database.close();
  });
});
