import type { Mention } from '../ports/inbound';
import type { DigestMessage } from '../ports/messages';
import type { SummaryLine, SummarySection } from '../ports/summary';
import type { Translator } from '../i18n/catalogue';
import { pickHighlights } from './pick-highlights';
import { cappedNames, isolate, type NameCap } from './capped-names';

/** One reply in the day's thread, as the digest sees it. */
export interface Share {
  messageId: string;
  user: string;
  /** Display name (plain text). */
  name: string;
  /** The words as plain text (what the adapter made of the platform's markup). */
  text: string;
  /** Whom it mentions, as its adapter listed them; none when absent. */
  mentions?: readonly Mention[];
  /** The text as quoted (mentions as plain `@Name`); the text itself when absent. */
  quote?: string;
  at: Date;
  reactions: number;
}

const HIGHLIGHTS = 3;
const ASKS = 3;

/** A question: a question mark in any script. */
const ASKING = /[?？¿]/;

/**
 * Which shares drew a response (a reaction, or an answer to a question) — at
 * most one a person, picked by `seed` and never ranked by counts — and which questions are still
 * open. An ask is answered once anyone else replies after it in the same thread, mention or not;
 * a reaction is not an answer (a thumbs-up is not a pointer).
 */
export function analyse(shares: Share[], seed = ''): { highlights: Share[]; asks: Share[] } {
  const ordered = [...shares].sort((a, b) => a.at.getTime() - b.at.getTime());
  const answered = (i: number) => ordered.slice(i + 1).some((later) => later.user !== ordered[i]!.user);
  const looked = ordered.map((share, i) => ({ share, answered: answered(i) }));
  const candidates = looked.map(({ share, answered }) => ({ id: share.messageId, person: share.user, day: 0, where: '', at: share.at, responded: share.reactions > 0 || (answered && ASKING.test(share.text)), share }));
  const highlights = pickHighlights(candidates.filter((c) => c.responded), seed, HIGHLIGHTS).map((c) => c.share);
  const asks = looked.filter((l) => ASKING.test(l.share.text) && !l.answered).map((l) => l.share).slice(0, ASKS);
  return { highlights, asks };
}

/** The distinct people who shared, in the order they first did. */
export function sharersOf(shares: Share[]): string[] {
  const seen = new Map<string, string>();
  for (const s of [...shares].sort((a, b) => a.at.getTime() - b.at.getTime())) if (!seen.has(s.user)) seen.set(s.user, s.name);
  return [...seen.values()];
}

/**
 * The day's digest: thanks by name, what drew responses, questions still open. A day nobody shared
 * gets one encouraging line, or nothing at all (null) when the programme says `digest_quiet: skip`.
 */
export function digestContent(o: {
  day: number;
  theme: string;
  heading: string;
  shares: Share[];
  links: Map<string, string>;
  quiet: 'skip' | 'nudge';
  weekly: boolean;
  /** Varies the highlights across days and channels, the same every time for one thread. */
  seed?: string;
  tr: Translator;
  /** How many names the thanks may list (the rest: "and N others"). */
  cap?: NameCap;
}): DigestMessage | null {
  const w = o.tr;
  const period = o.weekly ? 'weekly' : 'daily';
  const base = { kind: 'digest' as const, day: o.day, theme: o.theme, links: [] };
  if (o.shares.length === 0) {
    if (o.quiet === 'skip') return null;
    return { ...base, title: o.heading, intro: [w.t(`digest.quiet.${period}`)], sections: [], sharers: [], shares: 0 };
  }
  const sharers = sharersOf(o.shares);
  const { highlights, asks } = analyse(o.shares, o.seed);
  const view = (id: string) => (o.links.get(id) ? { link: { url: o.links.get(id)!, label: w.t('give.link.view') } } : {});
  const sections: SummarySection[] = [];
  if (highlights.length) {
    // Who and what, never how many: no reaction or reply counts, no ranking.
    const lines = highlights.map((share): SummaryLine => ({ text: w.t('digest.response', { name: isolate(share.name) }), quote: share.quote ?? share.text, ...view(share.messageId) }));
    sections.push({ heading: w.t('digest.responses'), lines });
  }
  if (asks.length) {
    sections.push({ heading: w.t('digest.asks'), lines: asks.map((a): SummaryLine => ({ text: w.t('digest.ask', { name: isolate(a.name) }), quote: a.quote ?? a.text, ...view(a.messageId) })) });
  }
  return {
    ...base,
    title: w.t(`digest.title.${period}`, { heading: o.heading }),
    intro: [w.t(`digest.thanks.${period}`, { n: sharers.length, names: cappedNames(w, sharers, o.cap) })],
    sections,
    sharers,
    shares: o.shares.length,
  };
}
