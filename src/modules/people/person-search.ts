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

/**
 * The most terms kept in person_search_count. A fill that finds it full drops
 * the rows of past generations (which no search can use) and caches nothing;
 * the next one has room again, unless every row is current.
 */
export const MAX_CACHED_TERMS = 20000;

/**
 * A first page of the default size needs this many matches (20, and one to
 * tell there is more): a walk must meet them soon, and a term not walkable
 * keeps that many ids of its first page.
 */
const CACHED_PAGE = 21;

/**
 * People search by a substring of the unaccented name, read the cheap way for
 * each term (migration PersonSearchCache):
 *
 * - a term's count, its first and last match in search order, whether a walk
 *   in that order from the first meets the first page soon, and the first
 *   page's ids come from person_search_count when its row is of the current
 *   generation (exact: see the migration); else the first page is read
 *   through the trigram index as before and the row is filled afterwards,
 *   once;
 * - a term whose first page a walk meets soon (a given name, which a third of
 *   everyone has; a family and middle name; a whole name) is read by walking
 *   person_search_order_idx from its first match (to its last at most),
 *   stopping after the page, with the cached count as the total;
 * - a term whose matches are scattered (a middle and given name: a few
 *   hundred matches, one in every few hundred names) has its first page of
 *   the default size read by the cached ids; larger pages of it, through the
 *   trigram index, counted and sorted as before.
 *
 * Every way reads exactly the people whose search_name contains the term,
 * in the same order; only the work differs. Later pages (after a cursor)
 * take the count from the cache too.
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
    const cached = sql`SELECT s.total, s.first_name, s.last_name, s.walk, s.page_ids
                         FROM person_search_count s
                        WHERE s.term = ${u}
                          AND s.generation = (SELECT generation FROM person_search_generation)`;
    return {
      order,
      where: PersonSearch.contains(term),
      prepared: true,
      firstPage: {
        // Three branches, of which the cached row (or its absence) leaves one: the others are
        // switched off by one-time filters and read nothing. The walk reads the order index from
        // the first match to the last at most, and stops after the page. A term not walkable
        // whose first page is cached reads it by id. Else the trigram index, ordered by
        // `search_name || ''` (the same order) so that PostgreSQL sorts the matches rather
        // than walking the order index.
        // The term and its pattern are worked out once (`q`), not per row: the statement is
        // prepared, and a generic plan would not fold them. The page size is written into the
        // text (an integer checked by paginate, so one text per page size): as a parameter,
        // the generic plan's LIMIT is a guess, costlier than every custom plan's, so
        // PostgreSQL planned every execution afresh (0.8 ms, half its time per search).
        keys: (size, counted) => {
          const limit = pageSize(size);
          return sql`WITH q AS MATERIALIZED (SELECT ${u} AS u),
               k AS MATERIALIZED (SELECT u, ${likePattern(sql`u`)} AS pattern FROM q),
               c AS (SELECT s.total, s.first_name, s.last_name, s.walk, s.page_ids
                       FROM person_search_count s
                      WHERE s.term = (SELECT u FROM k)
                        AND s.generation = (SELECT generation FROM person_search_generation))
          (SELECT t.id AS __key, (SELECT total FROM c) AS __total, true AS __note
             FROM person t
            WHERE t.search_name >= (SELECT first_name FROM c WHERE walk)
              AND t.search_name <= (SELECT last_name FROM c WHERE walk)
              AND strpos(t.search_name, (SELECT u FROM k)) > 0
            ORDER BY t.search_name, t.full_name, t.id
            LIMIT ${limit})
          UNION ALL
          (SELECT p.id, c.total, true
             FROM c, unnest(c.page_ids) WITH ORDINALITY p(id, n)
            WHERE NOT c.walk AND cardinality(c.page_ids) >= least(${limit}, c.total) AND p.n <= ${limit})
          UNION ALL
          (SELECT t.id, ${counted ? sql`count(*) OVER ()` : sql`NULL::bigint`}, EXISTS (SELECT 1 FROM c)
             FROM person t
            WHERE t.search_name LIKE (SELECT pattern FROM k)
              AND NOT EXISTS (SELECT 1 FROM c
                               WHERE walk OR cardinality(page_ids) >= least(${limit}, total))
            ORDER BY t.search_name || '', t.full_name, t.id
            LIMIT ${limit})`;
        },
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
   * snapshot: the generation, the count, the first and last match, the walk
   * test and the first page's ids. A failure is logged and left: the search
   * has its answer already.
   */
  async fill(term: string): Promise<void> {
    const u = unaccented(term);
    try {
      await query(
        this.dataSource,
        sql`WITH g AS (SELECT generation FROM person_search_generation),
                 m AS MATERIALIZED (SELECT t.id, t.search_name, t.full_name
                                      FROM person t WHERE ${PersonSearch.contains(term)}),
                 s AS (SELECT count(*)::int AS total, min(search_name) AS first_name,
                              max(search_name) AS last_name FROM m),
                 f AS (SELECT coalesce(array_agg(id ORDER BY search_name, full_name, id), '{}') AS ids
                         FROM (SELECT id, search_name, full_name FROM m
                                ORDER BY search_name, full_name, id LIMIT ${CACHED_PAGE}) x),
                 w AS (SELECT count(*) FILTER (WHERE strpos(x.search_name, ${u}) > 0) AS hits
                         FROM (SELECT t.search_name FROM person t
                                WHERE t.search_name >= (SELECT first_name FROM s)
                                ORDER BY t.search_name, t.full_name, t.id
                                LIMIT ${WALK_ROWS}) x),
                 n AS (SELECT count(*) AS n FROM person_search_count),
                 -- Full: make room for the next terms by dropping the rows no search can use.
                 pruned AS (DELETE FROM person_search_count
                             WHERE (SELECT n FROM n) >= ${MAX_CACHED_TERMS}
                               AND generation < (SELECT generation FROM g) AND term <> ${u})
            INSERT INTO person_search_count AS p
                   (term, generation, total, first_name, last_name, walk, page_ids)
            SELECT ${u}, g.generation, s.total, s.first_name, s.last_name,
                   w.hits >= least(s.total, ${CACHED_PAGE}), f.ids
              FROM g, s, w, f
             WHERE (SELECT n FROM n) < ${MAX_CACHED_TERMS}
                OR EXISTS (SELECT 1 FROM person_search_count WHERE term = ${u})
            ON CONFLICT (term) DO UPDATE
               SET generation = excluded.generation, total = excluded.total,
                   first_name = excluded.first_name, last_name = excluded.last_name,
                   walk = excluded.walk, page_ids = excluded.page_ids, filled_at = now()
             WHERE p.generation < excluded.generation`,
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'people search: could not cache a term');
    }
  }
}

/** A page size as SQL text: a non-negative integer, or a TypeError. */
function pageSize(size: number): SqlFragment {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TypeError(`people search: page size ${size} is not a non-negative integer`);
  }
  return sql.raw(String(size));
}

/** The term as search_name holds names: lower case, without diacritics. */
function unaccented(term: string): SqlFragment {
  return sql`immutable_unaccent(${term}::text)`;
}

/** A LIKE pattern matching text that contains `text` (an SQL text expression), wildcards escaped. */
function likePattern(text: SqlFragment): SqlFragment {
  return sql`'%' || replace(replace(replace(${text}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}
