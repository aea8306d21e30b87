/**
 * The words of digests, kick-offs and wrap-ups (ICU MessageFormat), English and German.
 * Moved into the shared message catalogue once it is on main; until then formatted here.
 */
import { IntlMessageFormat } from 'intl-messageformat';

export const giveEn = {
  'give.someone': 'a colleague',
  'give.link.view': 'View',
  'give.reactions': '{n, plural, one {# reaction} other {# reactions}}',
  'give.replies': '{n, plural, one {# reply} other {# replies}}',
  'give.digest.title': '{heading} — thank you',
  'give.digest.thanks': 'Thank you, {names}, for working out loud today.',
  'give.digest.responses': 'What got people talking',
  'give.digest.response': '{name}: {detail}',
  'give.digest.asks': 'Can you help?',
  'give.digest.ask': '{name} asked, and nobody has answered yet. If you know something that helps, reply in the thread.',
  'give.digest.quiet': "Quiet in here today, and that's fine. Something small and unfinished on your desk? This thread is a good place for it.",
} as const;

export type GiveKey = keyof typeof giveEn;

export const giveDe: Record<GiveKey, string> = {
  'give.someone': 'jemand aus dem Team',
  'give.link.view': 'Ansehen',
  'give.reactions': '{n, plural, one {# Reaktion} other {# Reaktionen}}',
  'give.replies': '{n, plural, one {# Antwort} other {# Antworten}}',
  'give.digest.title': '{heading} — danke',
  'give.digest.thanks': '{n, plural, one {Danke, {names}, dass du heute deine Arbeit gezeigt hast.} other {Danke, {names}, dass ihr heute eure Arbeit gezeigt habt.}}',
  'give.digest.responses': 'Das hat Resonanz gefunden',
  'give.digest.response': '{name}: {detail}',
  'give.digest.asks': 'Wer kann helfen?',
  'give.digest.ask': '{name} hat eine Frage gestellt, die noch offen ist. Wenn du etwas weißt, das hilft: antworte im Thread.',
  'give.digest.quiet': 'Heute ist es hier still, und das ist in Ordnung. Du hast etwas Kleines, Unfertiges auf dem Tisch? Dieser Thread ist ein guter Ort dafür.',
};

export interface GiveWords {
  readonly lang: string;
  t(key: GiveKey, values?: Record<string, string | number>): string;
  /** "Ana, Ben and Cy" in the language's way. */
  list(items: string[]): string;
}

const CATALOGUES: Record<string, Record<GiveKey, string>> = { en: giveEn, de: giveDe };

export function giveWords(tag?: string): GiveWords {
  const primary = (tag ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  const lang = primary in CATALOGUES ? primary : 'en';
  const msgs = CATALOGUES[lang]!;
  const listFormat = new Intl.ListFormat(lang === 'en' ? 'en-GB' : lang, { style: 'long', type: 'conjunction' });
  return {
    lang,
    t: (key, values = {}) => String(new IntlMessageFormat(msgs[key], lang, undefined, { ignoreTag: true }).format(values)),
    list: (items) => listFormat.format(items),
  };
}
