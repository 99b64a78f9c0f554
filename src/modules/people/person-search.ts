import type { DataSource } from 'typeorm';
import type { PageQuery } from '../../common/connection';
import { query, sql, type SqlFragment } from '../../common/sql';
import type { Logger } from '../../logger';
import type { Person } from './person.entity';

/**
 * How many names a walk in search order may read from a term's first match
 * before it must have met the first page (21 matches, or all of them): past
 * that, the term's matches are read through the trigram index and sorted.
 */
export const WALK_ROWS = 2000;

/** The most terms kept in person_search_count; past it new terms are searched uncached. */
export const MAX_CACHED_TERMS = 20000;

/** A first page needs this many matches in the walk (20 and one to tell there is more). */
const WALK_PAGE = 21;

/**
 * People search by a substring of the unaccented name, read the cheap way for
 * each term (migration PersonSearchCache):
 *
 * - the term's count, its first match in search order and whether a walk in
 *   that order from there meets the first page soon come from
 *   person_search_count when its row is of the current generation (exact: see
 *   the migration), else the first page is read as before and the row is
 *   filled afterwards, once;
 * - a term whose first page a walk meets soon (a given name, which a third of
 *   everyone has; a family and middle name; a whole name) is read by walking
 *   person_search_order_idx from its first match, stopping after the page,
 *   with the cached count as the total: no match is counted or sorted;
 * - any other term (a middle and given name: a few hundred matches, one in
 *   every few hundred names) through the trigram index, counted and sorted
 *   as before.
 *
 * Both read exactly the people whose search_name contains the term, in the
 * same order; only the work differs.
 */
export class PersonSearch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /** `text` as search_name must contain it: trimmed, spaces collapsed; undefined when blank. */
  static termOf(text: string | null | undefined): string | undefined {
    return text?.trim().replace(/\s+/g, ' ') || undefined;
  }

  /** The condition "search_name of alias `t` contains the term" (a LIKE the trigram index serves). */
  static contains(term: string): SqlFragment {
    return sql`t.search_name LIKE ${likePattern(unaccented(term))}`;
  }

  /** What `paginate` needs for a search by this term alone: the first page and the count, cached. */
  pageQuery(term: string, order: PageQuery<Person>['order']): PageQuery<Person> {
    const u = unaccented(term);
    const cached = sql`SELECT s.total, s.first_name, s.walk
                         FROM person_search_count s
                        WHERE s.term = ${u}
                          AND s.generation = (SELECT generation FROM person_search_generation)`;
    return {
      order,
      where: PersonSearch.contains(term),
      firstPage: {
        // Two branches, one of which the cached row switches off (a one-time filter: it reads nothing).
        // The second orders by `search_name || ''` (the same order) so that PostgreSQL sorts the
        // trigram index's matches rather than walking the order index for a term that is not walkable.
        keys: (limit, counted) => sql`WITH c AS (${cached})
          (SELECT t.id AS __key, (SELECT total FROM c) AS __total, true AS __note
             FROM person t
            WHERE t.search_name >= (SELECT first_name FROM c WHERE walk)
              AND strpos(t.search_name, ${u}) > 0
            ORDER BY t.search_name, t.full_name, t.id
            LIMIT ${limit})
          UNION ALL
          (SELECT t.id, ${counted ? sql`count(*) OVER ()` : sql`NULL::bigint`}, EXISTS (SELECT 1 FROM c)
             FROM person t
            WHERE t.search_name LIKE ${likePattern(u)} AND NOT EXISTS (SELECT 1 FROM c WHERE walk)
            ORDER BY t.search_name || '', t.full_name, t.id
            LIMIT ${limit})`,
        seen: async (hit) => {
          if (hit !== true) await this.fill(term);
        },
      },
      count: sql`SELECT coalesce((SELECT total FROM (${cached}) c),
                                 (SELECT count(*) FROM person t WHERE ${PersonSearch.contains(term)}))::int AS n`,
    };
  }

  /**
   * Fills (or renews) the term's row of person_search_count from one
   * snapshot: the generation, the count, the first match and the walk test.
   * A failure is logged and left: the search has its answer already.
   */
  async fill(term: string): Promise<void> {
    const u = unaccented(term);
    try {
      await query(
        this.dataSource,
        sql`WITH g AS (SELECT generation FROM person_search_generation),
                 s AS (SELECT count(*)::int AS total, min(t.search_name) AS first_name
                         FROM person t WHERE ${PersonSearch.contains(term)}),
                 w AS (SELECT count(*) FILTER (WHERE strpos(x.search_name, ${u}) > 0) AS hits
                         FROM (SELECT t.search_name FROM person t
                                WHERE t.search_name >= (SELECT first_name FROM s)
                                ORDER BY t.search_name, t.full_name, t.id
                                LIMIT ${WALK_ROWS}) x)
            INSERT INTO person_search_count AS p (term, generation, total, first_name, walk)
            SELECT ${u}, g.generation, s.total, s.first_name, w.hits >= least(s.total, ${WALK_PAGE})
              FROM g, s, w
             WHERE (SELECT count(*) FROM person_search_count) < ${MAX_CACHED_TERMS}
                OR EXISTS (SELECT 1 FROM person_search_count WHERE term = ${u})
            ON CONFLICT (term) DO UPDATE
               SET generation = excluded.generation, total = excluded.total,
                   first_name = excluded.first_name, walk = excluded.walk, filled_at = now()
             WHERE p.generation < excluded.generation`,
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'people search: could not cache a term');
    }
  }
}

/** The term as search_name holds names: lower case, without diacritics. */
function unaccented(term: string): SqlFragment {
  return sql`immutable_unaccent(${term}::text)`;
}

/** A LIKE pattern matching text that contains `text` (an SQL text expression), wildcards escaped. */
function likePattern(text: SqlFragment): SqlFragment {
  return sql`'%' || replace(replace(replace(${text}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}
