// The page's own words: the ICU patterns of its programme's language (from /v1/me), filled in here
// with intl-messageformat, the library the server formats the chat's words with. Until they
// arrive, and for any key they lack, the English patterns are used (words-en.js, which the server
// builds from the same catalogue).
import { IntlMessageFormat } from './intl-messageformat.js';
import { english } from './words-en.js';

export type Values = Record<string, string | number>;
/** A weekly programme names its days by their week ("Week 2" is days 8–14). */
export type Period = 'day' | 'week';

const LOCALES: Record<string, string> = { en: 'en-GB', de: 'de-DE', ja: 'ja-JP' };

let lang = 'en';
let patterns: Record<string, string> = {};
let period: Period = 'day';
const formats = new Map<string, IntlMessageFormat>();

function format(key: string): IntlMessageFormat | null {
  const own = patterns[key];
  const pattern = own ?? english[key];
  if (pattern === undefined) return null;
  const locale = own === undefined ? 'en' : lang;
  const id = `${locale}\u0000${pattern}`;
  let f = formats.get(id);
  if (!f) {
    f = new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true });
    formats.set(id, f);
  }
  return f;
}

/** The page's language (`en`, `de`, `ja`). */
export function pageLang(): string {
  return lang;
}

/** The locale dates and numbers are written in (English dates stay day-month, as before). */
export function pageLocale(): string {
  return LOCALES[lang] ?? lang;
}

/** `key` filled in with `values` (and the shown programme's period); the key itself if unknown. */
export function t(key: string, values: Values = {}): string {
  const f = format(key);
  return f ? String(f.format({ period, ...values })) : key;
}

/** Like `t`, with elements among the values (a `<time>`): text and those nodes, in the language's order. */
export function tNodes(key: string, values: Record<string, string | number | Node>): (string | Node)[] {
  const f = format(key);
  if (!f) return [key];
  const out = f.format<Node>({ period, ...values });
  return Array.isArray(out) ? out : [out];
}

/** The number a day goes by: the day, or in a weekly programme its week (days 1–7 are week 1). */
export function periodNumber(day: number, of: Period = period): number {
  return of === 'week' ? Math.floor((day - 1) / 7) + 1 : day;
}

/** "Day 3" or, in a weekly programme, "Week 1" (days 1–7), in the page's language; `of`: another programme's period. */
export function periodOf(day: number, theme?: string, of: Period = period): string {
  const n = periodNumber(day, of);
  return theme === undefined ? t('page.period', { n, period: of }) : t('page.periodTheme', { n, theme, period: of });
}

/** A programme's period from its cadence. */
export function periodOfCadence(cadence: string | undefined): Period {
  return cadence === 'weekly' ? 'week' : 'day';
}

/** Sets the words of every `data-word` element (its text), `data-word-label` (aria-label) and `data-word-placeholder`. */
export function applyWords(root: ParentNode = document): void {
  const values = { user: 'sandbox-user', table: t('page.perPeriod') };
  for (const e of root.querySelectorAll<HTMLElement>('[data-word]')) e.textContent = t(e.dataset.word!, values);
  for (const e of root.querySelectorAll<HTMLElement>('[data-word-label]')) e.setAttribute('aria-label', t(e.dataset.wordLabel!, values));
  for (const e of root.querySelectorAll<HTMLInputElement>('[data-word-placeholder]')) e.placeholder = t(e.dataset.wordPlaceholder!, values);
}

/** The words of `language` (from /v1/me): the page's static words change at once. */
export function setWords(language: string, given: Record<string, string>): void {
  lang = language;
  patterns = given;
  document.documentElement.lang = language;
  applyWords();
}

/** The shown programme's period; the static words follow when it changes. True when it changed. */
export function setPeriod(next: Period): boolean {
  if (next === period) return false;
  period = next;
  applyWords();
  return true;
}
