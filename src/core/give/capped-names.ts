/**
 * Long lists of names in digests and wrap-ups: a bounded number of names, then "and 412 others"
 * with the gallery link for the full list. A message is built at several caps (its shorter
 * forms), and each platform's adapter sends the first that fits its limits.
 */
import type { Translator } from '../i18n/catalogue';
import type { SummaryLink, SummaryMessage } from '../ports/summary';
import { FSI, PDI } from '../ports/text-fit';
import { listOf } from './names-list';

/** Names in the fullest form; each shorter form names fewer (0: "412 people" alone is never said: at least a few). */
export const NAME_CAPS = [150, 60, 25, 10, 3] as const;

/** A name set apart from the sentence around it, so a right-to-left name cannot reorder the line. */
export function isolate(name: string): string {
  return `${FSI}${name}${PDI}`;
}

/** How many names a list may show, and whether a list was cut (the message then links the gallery). */
export interface NameCap {
  readonly max: number;
  cut: boolean;
}

/** "Ana, Ben and 412 others" in the catalogue's language; each name isolated. */
export function cappedNames(tr: Translator, names: readonly string[], cap?: NameCap): string {
  const max = cap?.max ?? Infinity;
  if (names.length <= max) return listOf(tr.lang, names.map(isolate));
  if (cap) cap.cut = true;
  const shown = names.slice(0, max).map(isolate);
  return listOf(tr.lang, [...shown, tr.t('give.others', { n: names.length - shown.length })]);
}

/**
 * `build` at the first cap, with the others as its shorter forms. A form that cut a list links
 * the full list in the gallery (`gallery`), unless it already links there.
 */
export function withShorterForms<M extends SummaryMessage>(build: (cap: NameCap) => M, gallery?: SummaryLink): M {
  const forms = NAME_CAPS.map((max) => {
    const cap: NameCap = { max, cut: false };
    const m = build(cap);
    if (cap.cut && gallery && !m.links.some((l) => l.url === gallery.url)) m.links = [...m.links, gallery];
    return m;
  });
  const [full, ...rest] = forms;
  // A list short enough for every cap gives the same form each time: no shorter forms then.
  const shorter = rest.filter((m, i) => JSON.stringify(m) !== JSON.stringify(i === 0 ? full : rest[i - 1]));
  return shorter.length ? { ...full!, shorter } : full!;
}
