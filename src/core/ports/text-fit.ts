/**
 * Cutting text so it survives: by grapheme (Intl.Segmenter), so a cut never splits a surrogate
 * pair, an emoji sequence (👩🏽‍💻) or a combining mark; adapters measure in their platform's unit.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const ELLIPSIS = '…';
/** First strong isolate and pop directional isolate: a name between them keeps its own direction. */
export const FSI = '\u2068';
export const PDI = '\u2069';

/** The user-perceived characters of `s`. */
export function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (g) => g.segment);
}

/** Characters as Slack counts them: code points. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _c of s) n++;
  return n;
}

/**
 * `s` when `size(s) <= max`, else its longest grapheme prefix (trailing space dropped) plus "…"
 * whose `size` is within `max`. `size` measures text as the medium will hold it (e.g. after
 * escaping: then a cut can never fall inside an entity, because the cut is made before escaping).
 */
export function clipText(s: string, max: number, size: (t: string) => number = codePoints): string {
  if (size(s) <= max) return s;
  const gs = graphemes(s);
  // Binary search over grapheme counts: size() of a prefix grows with its length.
  const prefix = (n: number) => closeIsolates(gs.slice(0, n).join('').trimEnd()) + ELLIPSIS;
  let lo = 0;
  let hi = gs.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(prefix(mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  return size(prefix(lo)) <= max ? prefix(lo) : '';
}

/** A cut inside an isolated name (U+2068…U+2069) closes it, so the rest of the line keeps its direction. */
function closeIsolates(s: string): string {
  let open = 0;
  for (const c of s) {
    if (c === FSI) open++;
    else if (c === PDI && open > 0) open--;
  }
  return s + PDI.repeat(open);
}

/** Bytes of `s` as UTF-16 (how Teams counts an activity's size). */
export function utf16Bytes(s: string): number {
  return s.length * 2;
}
