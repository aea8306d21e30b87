import type { Translator } from '../i18n/catalogue';
import type { AnnouncementMessage } from '../ports/messages';
import type { SummaryLine, SummarySection } from '../ports/summary';
import type { RunStats } from '../stats';
import { pickHighlights } from './pick-highlights';
import { cappedNames, isolate, type NameCap } from './capped-names';

/** A share across the whole run, as the wrap-up sees it. */
export interface RunShare {
  /** The reply's message id (stable: seeds the highlights' pick). */
  id?: string;
  /** `platform:channel` it was shared in. */
  where?: string;
  /** `platform:user`: the same id on two platforms is two people. */
  person: string;
  name: string;
  day: number;
  heading: string;
  text: string;
  reactions: number;
  at: Date;
  link?: string;
}

const HIGHLIGHTS = 3;

/**
 * After the last day, one post per channel that sums up the whole run across every channel and
 * platform: each day (or week) with its shares, who took part, everyone thanked by name (first-time sharers
 * welcomed when the store can tell), a few highlights with links, the gallery. No zero is ever
 * read out, and nobody is ranked.
 */
export function wrapupContent(o: {
  title: string;
  stats: RunStats;
  headings: Map<number, string>;
  shares: RunShare[];
  /** Person keys whose first share ever is in this run. */
  firstTimers: Set<string>;
  /** Varies the highlights from run to run, the same every time within one. */
  seed?: string;
  /** A circle companion gathers nothing: no gallery, and its prompts are not said to stay. */
  gathers?: boolean;
  galleryUrl?: string;
  /** A weekly programme counts weeks: "Week by week", "came back in more than one week". */
  weekly?: boolean;
  tr: Translator;
  /** How many names each list may show (the rest: "and N others"). */
  cap?: NameCap;
}): AnnouncementMessage {
  const { stats, tr } = o;
  const list = (xs: string[]) => cappedNames(tr, xs, o.cap);
  const gathering = o.gathers !== false;
  const links = o.galleryUrl && gathering ? [{ url: o.galleryUrl, label: tr.t('wrapup.gallery') }] : [];
  const title = tr.t('wrapup.title', { title: o.title });
  // The week ends; a circle is how it goes on (issue 25): everyone is invited to join one (a circle
  // companion is a circle already).
  const circles: SummarySection = { lines: [{ text: tr.t('wrapup.circles') }] };
  if (o.shares.length === 0) return { kind: 'wrapup', title, intro: [tr.t(gathering ? 'wrapup.quietAll' : 'wrapup.private')], sections: gathering ? [circles] : [], links };

  const channels = stats.channels.filter((c) => c.shares > 0).length;
  const intro = [tr.t('wrapup.summary', { people: stats.people, shares: stats.shares, channels })];
  if (stats.returning > 0) intro.push(tr.t(o.weekly ? 'wrapup.returning.weekly' : 'wrapup.returning', { n: stats.returning }));

  // Everyone who shared, in the order they first did.
  const people = new Map<string, string>();
  for (const s of [...o.shares].sort((a, b) => a.at.getTime() - b.at.getTime())) if (!people.has(s.person)) people.set(s.person, s.name);
  const thanks: SummaryLine[] = [{ text: tr.t('wrapup.thanks', { n: people.size, names: list([...people.values()]) }) }];
  // "First time" only where the store can tell: someone here shared in an earlier run. When
  // everyone is new, this may be the first run (veterans included), so nobody is called new.
  const firsts = [...people].filter(([p]) => o.firstTimers.has(p)).map(([, n]) => n);
  if (firsts.length && firsts.length < people.size) thanks.push({ text: tr.t('wrapup.firstTime', { n: firsts.length, names: list(firsts) }) });

  const days: SummaryLine[] = stats.days.map((d) => {
    const heading = o.headings.get(d.day) ?? d.theme;
    return { text: d.shares ? tr.t('wrapup.day', { heading, n: d.shares }) : tr.t('wrapup.day.quiet', { heading }) };
  });
  const sections: SummarySection[] = [{ lines: thanks }, { heading: tr.t(o.weekly ? 'wrapup.weeks' : 'wrapup.days'), lines: days }];
  const best = highlights(o.shares, o.seed ?? '');
  if (best.length) {
    sections.push({
      heading: tr.t('wrapup.highlights'),
      lines: best.map((s) => ({
        text: tr.t('wrapup.highlight', { name: isolate(s.name), heading: s.heading }),
        quote: s.text,
        ...(s.link ? { link: { url: s.link, label: tr.t('give.link.view') } } : {}),
      })),
    });
  }
  sections.push(circles);
  return { kind: 'wrapup', title, intro, sections, links };
}

/**
 * A few shares to look back on: at most one a person, spread over days and channels, those that
 * drew a response first; never ranked or read out by counts.
 */
export function highlights(shares: RunShare[], seed: string): RunShare[] {
  const candidates = shares.map((s, i) => ({ id: s.id ?? `${s.person}|${s.at.toISOString()}|${i}`, person: s.person, day: s.day, where: s.where ?? '', at: s.at, responded: s.reactions > 0, s }));
  return pickHighlights(candidates, seed, HIGHLIGHTS).map((c) => c.s);
}
