/**
 * The message catalogue: every word wolbot writes, per language, formatted with ICU MessageFormat
 * (intl-messageformat). A key missing in a language falls back to English; `missingKeys` lets
 * `check` list them. The core formats; adapters receive finished strings.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { de } from './de';
import { en, type MessageKey } from './en';
import { ja } from './ja';

export type { MessageKey } from './en';
export type MessageValues = Record<string, string | number>;
export type Messages = Partial<Record<MessageKey, string>>;

/** The catalogues by primary language subtag (BCP 47). */
const CATALOGUES: Record<string, Messages> = { en, de, ja };

export const LANGUAGES = Object.keys(CATALOGUES);

export interface Translator {
  /** The catalogue's language (`en`, `de`, `ja`). */
  readonly lang: string;
  t(key: MessageKey, values?: MessageValues): string;
}

/** `de-CH` → `de`; a tag with no catalogue → null (then English is used). */
export function catalogueFor(tag: string | undefined): string | null {
  if (!tag) return 'en';
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return primary in CATALOGUES ? primary : null;
}

/** Keys that `lang` lacks (and that are therefore shown in English). */
export function missingKeys(tag: string): MessageKey[] {
  const lang = catalogueFor(tag);
  const msgs = lang ? CATALOGUES[lang]! : {};
  return (Object.keys(en) as MessageKey[]).filter((k) => msgs[k] === undefined);
}

const formats = new Map<string, IntlMessageFormat>();

/** Format one ICU pattern (cached); `locale` picks plural rules and number formats. */
export function formatPattern(pattern: string, locale: string, values: MessageValues = {}): string {
  const id = `${locale}\u0000${pattern}`;
  let f = formats.get(id);
  if (!f) {
    f = new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true });
    formats.set(id, f);
  }
  return String(f.format(values));
}

/** Is `pattern` a valid ICU message whose only arguments are `allowed`? Null, or the problem. */
export function patternProblem(pattern: string, allowed: string[]): string | null {
  try {
    const sample = Object.fromEntries(allowed.map((a) => [a, 1]));
    new IntlMessageFormat(pattern, 'en', undefined, { ignoreTag: true }).format(sample);
    return null;
  } catch (err) {
    return `is not a message wolbot can fill in (${(err as Error).message}); it may use ${allowed.map((a) => `{${a}}`).join(', ')}`;
  }
}

const translators = new Map<string, Translator>();

/** The translator for a BCP 47 tag; unknown tags and missing keys fall back to English. */
export function translator(tag?: string): Translator {
  const lang = catalogueFor(tag) ?? 'en';
  let tr = translators.get(lang);
  if (!tr) {
    const msgs = CATALOGUES[lang]!;
    tr = {
      lang,
      t(key, values) {
        const own = msgs[key];
        return own !== undefined ? formatPattern(own, lang, values) : formatPattern(en[key], 'en', values);
      },
    };
    translators.set(lang, tr);
  }
  return tr;
}

/** English: the CLI's language and the default. */
export const english = translator('en');

/** One line for `check`: the programme's language and every key it lacks (shown in English). */
export function languageReport(tag: string | undefined): string {
  const shown = tag ?? 'en';
  const lang = catalogueFor(shown);
  if (!lang) return `Language: ${shown} — wolbot has no ${shown} catalogue (it has ${LANGUAGES.join(', ')}); its own words are shown in English`;
  const missing = missingKeys(lang);
  if (missing.length === 0) return `Language: ${shown} (catalogue complete)`;
  return `Language: ${shown} — ${missing.length} of ${Object.keys(en).length} messages are missing and shown in English: ${missing.join(', ')}`;
}

/**
 * The web page's words for `tag`: each `page.*` key's ICU pattern in that language (English where
 * it lacks one), for the browser to fill in itself; `lang` is the catalogue's language.
 */
export function pagePatterns(tag: string | undefined): { lang: string; patterns: Record<string, string> } {
  const lang = catalogueFor(tag) ?? 'en';
  const msgs = CATALOGUES[lang]!;
  const keys = (Object.keys(en) as MessageKey[]).filter((k) => k.startsWith('page.'));
  return { lang, patterns: Object.fromEntries(keys.map((k) => [k, msgs[k] ?? en[k]])) };
}
