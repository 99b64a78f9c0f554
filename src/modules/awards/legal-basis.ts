import { z } from 'zod';
import type { LocalizedText } from '../../i18n/messages';

/**
 * The legal acts the catalogue cites, by the code used in its data, with
 * their names as an emulation officer writes them and in English.
 */
export const ACTS: Record<string, LocalizedText> = {
  LAW_06_2022: {
    vi: 'Luật Thi đua, khen thưởng số 06/2022/QH15',
    en: 'Law on Emulation and Commendation 06/2022/QH15',
  },
  LAW_2003: {
    vi: 'Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2009, 2013)',
    en: 'Law on Emulation and Commendation of 2003 (amended 2005, 2009, 2013)',
  },
  ND_91_2017: { vi: 'Nghị định số 91/2017/NĐ-CP', en: 'Decree 91/2017/NĐ-CP' },
  ND_98_2023: { vi: 'Nghị định số 98/2023/NĐ-CP', en: 'Decree 98/2023/NĐ-CP' },
  ND_152_2025: { vi: 'Nghị định số 152/2025/NĐ-CP', en: 'Decree 152/2025/NĐ-CP' },
  LOCAL: {
    vi: 'quy định riêng của cơ quan, đơn vị',
    en: 'local rule',
  },
};

/**
 * One citation, as the catalogue's data holds it: an act (a code of ACTS, or
 * any other text, shown as it is), optionally an article, a clause and a
 * point, and a note in both languages. `{ act: 'LAW_06_2022', article: '27',
 * clause: '1', point: 'c' }` reads "điểm c khoản 1 Điều 27 Luật Thi đua,
 * khen thưởng số 06/2022/QH15" and "Law on Emulation and Commendation
 * 06/2022/QH15, Art. 27(1)(c)".
 */
export const citationSchema = z
  .object({
    act: z.string().min(1),
    article: z.string().min(1).optional(),
    clause: z.string().min(1).optional(),
    point: z.string().min(1).optional(),
    note: z.object({ vi: z.string(), en: z.string() }).strict().optional(),
  })
  .strict();

export type Citation = z.infer<typeof citationSchema>;

/** Citations as stored: a list, or (in rows written before citations) a plain text. */
export const basisSchema = z.union([z.array(citationSchema), z.string()]);

export type Basis = Citation[] | string;

/** One citation in both languages. */
function cite(citation: Citation): LocalizedText {
  const act = ACTS[citation.act] ?? { vi: citation.act, en: citation.act };
  const vi = [
    citation.point && `điểm ${citation.point}`,
    citation.clause && `khoản ${citation.clause}`,
    citation.article && `Điều ${citation.article}`,
    act.vi,
  ]
    .filter(Boolean)
    .join(' ');
  let en = act.en;
  if (citation.article) {
    en += `, Art. ${citation.article}`;
    if (citation.clause) en += `(${citation.clause})`;
    if (citation.point) en += `(${citation.point})`;
  }
  if (citation.note && !citation.article) {
    // "local rule: the 15% share comes from …"
    return { vi: `${vi}: ${citation.note.vi}`, en: `${en}: ${citation.note.en}` };
  }
  return {
    vi: citation.note ? `${vi} (${citation.note.vi})` : vi,
    en: citation.note ? `${en} (${citation.note.en})` : en,
  };
}

/** A legal basis in both languages: citations joined with "; ", or null when there is none. */
export function basisText(basis: Basis | null | undefined): LocalizedText | null {
  if (!basis || basis.length === 0) return null;
  if (typeof basis === 'string') return { vi: basis, en: basis };
  const cited = basis.map(cite);
  return {
    vi: cited.map((c) => c.vi).join('; '),
    en: cited.map((c) => c.en).join('; '),
  };
}

/** Reads stored citations leniently: anything that is not a citation list or text is no basis. */
export function readBasis(value: unknown): Basis {
  const parsed = basisSchema.safeParse(value ?? []);
  return parsed.success ? parsed.data : [];
}
