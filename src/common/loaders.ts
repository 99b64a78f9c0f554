import DataLoader from 'dataloader';
import type { ClassType } from 'type-graphql';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { entityRows, type PropertyOrder } from './rows';

/**
 * The DataLoaders of one request (or one subscription event). Loaders are made
 * on first use and keyed by name, so each module declares its own without a
 * central list, and every nested list or reference costs one batched query
 * per level, not one per parent.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(readonly manager: EntityManager) {}

  /** The loader called `name`, made with `batch` the first time it is asked for. */
  get<K, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
    options?: DataLoader.Options<K, V, string>,
  ): DataLoader<K, V, string> {
    let loader = this.loaders.get(name) as DataLoader<K, V, string> | undefined;
    if (!loader) {
      // A batch function that throws before returning its promise (a service
      // checking an argument) must reject its keys with that error: DataLoader
      // itself turns a synchronous throw into a TypeError of its own, which
      // reaches the client as INTERNAL_SERVER_ERROR.
      const safeBatch = (keys: readonly K[]) => {
        try {
          return batch(keys);
        } catch (error) {
          return Promise.reject(error);
        }
      };
      loader = new DataLoader<K, V, string>(safeBatch, { maxBatchSize: 1000, ...options });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Rows of `entity` by primary key `id`; a missing row loads as null. */
  byId<T extends ObjectLiteral & { id: string }>(
    entity: ClassType<T>,
  ): DataLoader<string, T | null, string> {
    return this.get<string, T | null>(`${entity.name}.byId`, async (ids) => {
      const rows = await entityRows(this.manager, entity).selectIn(this.manager, 'id', ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Rows of `entity` grouped by the value of `property` (a foreign key), in `order`. */
  manyBy<T extends ObjectLiteral>(
    entity: ClassType<T>,
    property: keyof T & string,
    order: PropertyOrder<T> = {},
  ): DataLoader<string, T[], string> {
    // The order is part of the name: callers asking for other orders get their own loader.
    const name = `${entity.name}.by.${property}.${JSON.stringify(order)}`;
    return this.get<string, T[]>(name, async (keys) => {
      const rows = await entityRows(this.manager, entity).selectIn(
        this.manager,
        property,
        keys,
        order,
      );
      const grouped = new Map<string, T[]>();
      for (const row of rows) {
        const key = row[property] as string;
        const list = grouped.get(key) ?? [];
        list.push(row);
        grouped.set(key, list);
      }
      return keys.map((key) => grouped.get(key) ?? []);
    });
  }
}
