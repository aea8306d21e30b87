import type { Translator } from '../i18n/catalogue';
import type { AnnouncementMessage } from '../ports/messages';
import type { SummaryLine, SummarySection } from '../ports/summary';
import type { RunStats } from '../stats';
import { listOf } from './names-list';

/** A share across the whole run, as the wrap-up sees it. */
export interface RunShare {
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
 * platform: each day with its shares, who took part, everyone thanked by name (first-time sharers
 * welcomed), a few highlights with links, the gallery. No zero is ever read out.
 */
export function wrapupContent(o: {
  title: string;
  stats: RunStats;
  headings: Map<number, string>;
  shares: RunShare[];
  /** Person keys whose first share ever is in this run. */
  firstTimers: Set<string>;
  galleryUrl?: string;
  tr: Translator;
}): AnnouncementMessage {
  const { stats, tr } = o;
  const list = (xs: string[]) => listOf(tr.lang, xs);
  const links = o.galleryUrl ? [{ url: o.galleryUrl, label: tr.t('wrapup.gallery') }] : [];
  const title = tr.t('wrapup.title', { title: o.title });
  // The week ends; a circle is how it goes on (issue 25): everyone is invited to join one.
  const circles: SummarySection = { lines: [{ text: tr.t('wrapup.circles') }] };
  if (o.shares.length === 0) return { kind: 'wrapup', title, intro: [tr.t('wrapup.quietAll')], sections: [circles], links };

  const channels = stats.channels.filter((c) => c.shares > 0).length;
  const intro = [tr.t('wrapup.summary', { people: stats.people, shares: stats.shares, channels })];
  if (stats.returning > 0) intro.push(tr.t('wrapup.returning', { n: stats.returning }));

  // Everyone who shared, in the order they first did; first-time sharers welcomed by name too.
  const people = new Map<string, string>();
  for (const s of [...o.shares].sort((a, b) => a.at.getTime() - b.at.getTime())) if (!people.has(s.person)) people.set(s.person, s.name);
  // When everyone is new (a first run) the names are said once, not thanked and then welcomed.
  const firsts = [...people].filter(([p]) => o.firstTimers.has(p)).map(([, n]) => n);
  const allFirst = firsts.length === people.size;
  const thanks: SummaryLine[] = [{ text: tr.t(allFirst ? 'wrapup.thanks.allFirst' : 'wrapup.thanks', { names: list([...people.values()]) }) }];
  if (firsts.length && !allFirst) thanks.push({ text: tr.t('wrapup.firstTime', { names: list(firsts) }) });

  const days: SummaryLine[] = stats.days.map((d) => {
    const heading = o.headings.get(d.day) ?? d.theme;
    return { text: d.shares ? tr.t('wrapup.day', { heading, n: d.shares }) : tr.t('wrapup.day.quiet', { heading }) };
  });
  const sections: SummarySection[] = [{ lines: thanks }, { heading: tr.t('wrapup.days'), lines: days }];
  const best = highlights(o.shares);
  if (best.length) {
    sections.push({
      heading: tr.t('wrapup.highlights'),
      lines: best.map((s) => ({
        text: tr.t('wrapup.highlight', { name: s.name, heading: s.heading, detail: tr.t('digest.reactions', { n: s.reactions }) }),
        quote: s.text,
        ...(s.link ? { link: { url: s.link, label: tr.t('give.link.view') } } : {}),
      })),
    });
  }
  sections.push(circles);
  return { kind: 'wrapup', title, intro, sections, links };
}

/** The most-reacted shares, one per person first so a few people are seen; then filled up. */
function highlights(shares: RunShare[]): RunShare[] {
  const ranked = shares.filter((s) => s.reactions > 0).sort((a, b) => b.reactions - a.reactions || a.at.getTime() - b.at.getTime());
  const seen = new Set<string>();
  const firstOfEach = ranked.filter((s) => !seen.has(s.person) && seen.add(s.person));
  const rest = ranked.filter((s) => !firstOfEach.includes(s));
  const picked = [...firstOfEach, ...rest].slice(0, HIGHLIGHTS);
  return ranked.filter((s) => picked.includes(s)); // still read out most-reacted first
}
