import type { DigestMessage } from '../ports/messages';
import type { SummaryLine, SummarySection } from '../ports/summary';
import type { Translator } from '../i18n/catalogue';
import { listOf } from './names-list';
import { cappedNames, isolate, type NameCap } from './capped-names';

/** One reply in the day's thread, as the digest sees it. */
export interface Share {
  messageId: string;
  user: string;
  /** Display name (plain text). */
  name: string;
  text: string;
  /** The text as quoted (mentions as plain `@Name`); the text itself when absent. */
  quote?: string;
  at: Date;
  reactions: number;
}

const HIGHLIGHTS = 3;
const ASKS = 3;

/** Does `text` address `share`'s writer (a Slack mention, a Teams `<at>` mention)? */
function mentions(text: string, share: Share): boolean {
  return text.includes(`<@${share.user}>`) || text.includes(`<at>${share.name}</at>`);
}

export interface Responded {
  share: Share;
  /** Later replies by others that address this share's writer. */
  replies: number;
}

/**
 * Which shares drew responses (reactions, or a later reply by someone else that addresses the
 * writer), most first, and which questions are still open (a `?`, no reaction, nobody answered).
 */
export function analyse(shares: Share[]): { highlights: Responded[]; asks: Share[] } {
  const ordered = [...shares].sort((a, b) => a.at.getTime() - b.at.getTime());
  const responded: Responded[] = ordered.map((share, i) => ({
    share,
    replies: ordered.slice(i + 1).filter((later) => later.user !== share.user && mentions(later.text, share)).length,
  }));
  const highlights = responded
    .filter((r) => r.share.reactions + r.replies > 0)
    .sort((a, b) => b.share.reactions + b.replies - (a.share.reactions + a.replies) || a.share.at.getTime() - b.share.at.getTime())
    .slice(0, HIGHLIGHTS);
  const asks = responded.filter((r) => /[?？¿]/.test(r.share.text) && r.share.reactions + r.replies === 0).map((r) => r.share).slice(0, ASKS);
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
  tr: Translator;
  /** How many names the thanks may list (the rest: "and N others"). */
  cap?: NameCap;
}): DigestMessage | null {
  const w = o.tr;
  const list = (xs: string[]) => listOf(w.lang, xs);
  const period = o.weekly ? 'weekly' : 'daily';
  const base = { kind: 'digest' as const, day: o.day, theme: o.theme, links: [] };
  if (o.shares.length === 0) {
    if (o.quiet === 'skip') return null;
    return { ...base, title: o.heading, intro: [w.t(`digest.quiet.${period}`)], sections: [], sharers: [], shares: 0 };
  }
  const sharers = sharersOf(o.shares);
  const { highlights, asks } = analyse(o.shares);
  const view = (id: string) => (o.links.get(id) ? { link: { url: o.links.get(id)!, label: w.t('give.link.view') } } : {});
  const sections: SummarySection[] = [];
  if (highlights.length) {
    sections.push({
      heading: w.t('digest.responses'),
      lines: highlights.map(({ share, replies }): SummaryLine => {
        // Only what is there: "3 reactions", "1 reply", never a zero.
        const detail = list([share.reactions ? w.t('digest.reactions', { n: share.reactions }) : '', replies ? w.t('digest.replies', { n: replies }) : ''].filter(Boolean));
        return { text: w.t('digest.response', { name: isolate(share.name), detail }), quote: share.quote ?? share.text, ...view(share.messageId) };
      }),
    });
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
