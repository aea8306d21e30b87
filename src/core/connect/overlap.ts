import MiniSearch from 'minisearch';
import { termsOf } from './terms';

/** Everything one person shared in a run (within one workspace), as one document. */
export interface PersonText {
  key: string;
  texts: string[];
}

/** Two people whose shares overlap: how much (BM25, the lower of the two directions) and on what words. */
export interface Overlap {
  a: string;
  b: string;
  score: number;
  /** The shared words as first written, most telling first. */
  words: string[];
}

/** No introduction without at least this many shared terms… */
export const MIN_SHARED_TERMS = 2;
/** …that are not in more than this share of everyone's documents (then they say nothing of the pair). */
const MAX_TERM_SPREAD = 0.5;

/**
 * Pairs of people whose shares overlap in content, best first: each person's shares are one
 * document in a MiniSearch (BM25) index; each document is searched against the others. A pair
 * overlaps when both directions match at least MIN_SHARED_TERMS terms that are not common to most
 * documents: "no overlap, no introduction". Pure: the same texts give the same pairs.
 */
export function findOverlaps(people: PersonText[], lang: string): Overlap[] {
  const docs = people.filter((p) => p.texts.some((t) => t.trim()));
  if (docs.length < 2) return [];
  const display = new Map<string, string>();
  const tokenize = (text: string) => termsOf(text, lang).map(({ term, word }) => {
    if (!display.has(term)) display.set(term, word);
    return term;
  });
  const index = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], tokenize, processTerm: (t) => t, searchOptions: { tokenize, processTerm: (t) => t } });
  const texts = new Map(docs.map((p) => [p.key, p.texts.join('\n')]));
  index.addAll(docs.map((p) => ({ id: p.key, text: texts.get(p.key)! })));
  const spread = new Map<string, number>();
  for (const p of docs) for (const t of new Set(tokenize(texts.get(p.key)!))) spread.set(t, (spread.get(t) ?? 0) + 1);
  const telling = (t: string) => docs.length < 4 || spread.get(t)! <= Math.max(2, docs.length * MAX_TERM_SPREAD);
  const hits = new Map<string, { score: number; terms: string[] }>();
  for (const p of docs) {
    for (const r of index.search(texts.get(p.key)!, { combineWith: 'OR' })) {
      if (r.id !== p.key) hits.set(`${p.key}\u0000${String(r.id)}`, { score: r.score, terms: r.terms });
    }
  }
  const out: Overlap[] = [];
  for (const [i, a] of docs.entries()) {
    for (const b of docs.slice(i + 1)) {
      const ab = hits.get(`${a.key}\u0000${b.key}`);
      const ba = hits.get(`${b.key}\u0000${a.key}`);
      if (!ab || !ba) continue;
      const shared = ab.terms.filter((t) => ba.terms.includes(t) && telling(t));
      if (shared.length < MIN_SHARED_TERMS) continue;
      const [x, y] = [a.key, b.key].sort() as [string, string];
      out.push({ a: x, b: y, score: Math.min(ab.score, ba.score), words: shared.sort((s, t) => spread.get(s)! - spread.get(t)!).map((t) => display.get(t) ?? t) });
    }
  }
  return out.sort((p, q) => q.score - p.score || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}

/** The pair's key, whichever way round it is given. */
export const pairKey = (a: string, b: string): string => [a, b].sort().join('\u0000');

/**
 * Which overlapping pairs to introduce now: best first, never a pair introduced before in the run,
 * at most one new introduction a person (those `busy` today have had theirs).
 */
export function choosePairs(overlaps: Overlap[], introduced: ReadonlySet<string>, busy: ReadonlySet<string>): Overlap[] {
  const taken = new Set(busy);
  const out: Overlap[] = [];
  for (const o of overlaps) {
    if (introduced.has(pairKey(o.a, o.b)) || taken.has(o.a) || taken.has(o.b)) continue;
    taken.add(o.a);
    taken.add(o.b);
    out.push(o);
  }
  return out;
}
