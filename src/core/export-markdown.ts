import { DateTime } from 'luxon';
import type { ExportPost, ExportPostPages, ExportReply } from './export';
import { periodNumber } from './frame';
import { english, type Translator } from './i18n/catalogue';
import type { RunStats } from './stats';

/** What the Markdown report needs beyond the posts: the sponsor's figures and each channel's zone. */
export interface ReportContext {
  stats?: RunStats;
  /** The IANA zone a channel posts in (its own, else the programme's). */
  zoneOf: (platform: string, channel: string) => string;
  /** Display names of channels (`#wol-week`), when known. */
  channelName?: (platform: string, channel: string) => string | null;
  /** "Day 1 · Connection" in the programme's words. */
  heading?: (day: number, theme: string) => string;
  /** A weekly programme: its figures count and name weeks (day 8 is week 2). */
  weekly?: boolean;
  tr?: Translator;
  /** Days of the run with a post, whatever `--day` the export asked for (else the exported posts' days). */
  postedDays?: ReadonlySet<number>;
  /**
   * One section per run (several programmes at once), each under its own title and in its own
   * language, zones and figures. Without it the report is one section under the caller's title.
   */
  sections?: ReportSection[];
}

/** A run's part of the report: its title and its own context. */
export interface ReportSection {
  run: string;
  title: string;
  ctx: ReportContext;
}

/** Markdown: escape what would change the report's structure, keep the words. */
export function mdText(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r\n|\r|\n/g, '  \n> '); // a lone CR ends a line in Markdown too
}

/** A link a Markdown reader can follow: http(s) only, in angle brackets so spaces and brackets cannot break it. */
function mdUrl(u: string): string {
  return /^https?:\/\//i.test(u) ? `<${u.replace(/[<>\s]/g, encodeURIComponent)}>` : mdText(u);
}

function localTime(iso: string, zone: string, lang: string, withDate: boolean): string {
  const t = DateTime.fromISO(iso, { zone }).setLocale(lang === 'en' ? 'en-GB' : lang);
  return withDate ? t.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }) : t.toLocaleString({ weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

/**
 * A share's "Mon 09:30" by UTC minute: formatting a time is most of a report's work, and the
 * shares of a busy thread fall in a few minutes. Kept only for whole-minute offsets (every
 * instant of that UTC minute then reads the same), and dropped whole when it grows large.
 */
class ShortTimes {
  private readonly seen = new Map<string, string>();
  of(iso: string, zone: string, lang: string): string {
    const key = `${zone} ${lang} ${iso.slice(0, 16)}`;
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    const t = DateTime.fromISO(iso, { zone });
    const text = localTime(iso, zone, lang, false);
    if (iso.length === 24 && Number.isInteger(t.offset)) {
      if (this.seen.size >= 10_000) this.seen.clear();
      this.seen.set(key, text);
    }
    return text;
  }
}

/** The report's parts as lines (joined with `\n`), in the programme's words and each channel's zone. */
class ReportLines {
  private readonly tr: Translator;
  private readonly times = new ShortTimes();
  constructor(private readonly ctx?: ReportContext) {
    this.tr = ctx?.tr ?? english;
  }

  private get weekly(): boolean {
    return this.ctx?.weekly === true;
  }

  /** A day as the programme counts it: day 8 of a weekly programme is week 2. */
  private period(day: number): number {
    return periodNumber({ cadence: this.weekly ? 'weekly' : 'daily' }, day);
  }

  where(p: string, c: string): string {
    const name = this.ctx?.channelName?.(p, c);
    return name ? `${name} (${p}:${c})` : `${p}:${c}`;
  }

  /** Title, run, the sponsor's figures (over the whole run), or that there is nothing yet. */
  head(title: string, days: number[]): string[] {
    const { ctx, tr } = this;
    const out = [`# ${mdText(title)}`, ''];
    if (ctx?.stats?.run) out.push(tr.t('report.run', { start: ctx.stats.run.start }), '');
    if (ctx?.stats && ctx.stats.shares > 0) out.push(...this.figures(ctx.stats, ctx.postedDays ?? new Set(days)));
    if (days.length === 0) out.push(tr.t('report.nothing'), '');
    return out;
  }

  private figures(s: RunStats, posted: ReadonlySet<number>): string[] {
    const tr = this.tr;
    const weekly = this.weekly;
    const out = [
      `## ${tr.t('report.figures')}`, '',
      `- ${tr.t('report.people', { n: s.people })}`,
      `- ${tr.t(weekly ? 'report.returning.weekly' : 'report.returning', { n: s.returning })}`,
      `- ${tr.t('report.firstTime', { n: s.firstTime })}`,
      `- ${tr.t('report.shares', { n: s.shares })}`,
      // Connections (issue 25): counted, never who; only once there are any.
      ...(s.introductions ? [`- ${tr.t('report.introductions', { n: s.introductions })}`] : []),
      ...(s.circles ? [`- ${tr.t('report.circles', { n: s.circles })}`] : []),
      '',
      `| ${tr.t(weekly ? 'report.col.week' : 'report.col.day')} | ${tr.t('report.col.theme')} | ${tr.t('report.col.shares')} | ${tr.t('report.col.people')} |`,
      '| ---: | --- | ---: | ---: |',
      // A day not posted yet has no figure (a gap, not a zero).
      ...s.days.map((d) => (posted.has(d.day) ? `| ${this.period(d.day)} | ${mdText(d.theme)} | ${d.shares} | ${d.people} |` : `| ${this.period(d.day)} | ${mdText(d.theme)} | — | — |`)),
      '',
    ];
    if (s.channels.length) {
      out.push(`| ${tr.t('report.col.channel')} | ${tr.t('report.col.shares')} | ${tr.t('report.col.people')} |`, '| --- | ---: | ---: |');
      for (const c of s.channels) out.push(`| ${mdText(this.where(c.platform, c.channel))} | ${c.shares} | ${c.people} |`);
      out.push('');
    }
    return out;
  }

  /** A day's heading and its count of posts, channels and shares. */
  day(day: number, posts: ExportPost[], shares: number): string[] {
    const channels = new Set(posts.map((p) => `${p.platform}:${p.channel}`)).size;
    const heading = this.ctx?.heading?.(day, posts[0]!.theme) ?? this.tr.t(this.weekly ? 'frame.heading.weekly' : 'frame.heading.daily', { n: this.period(day), theme: posts[0]!.theme });
    return [`## ${mdText(heading)}`, '', this.tr.t('report.day', { posts: posts.length, channels, shares }), ''];
  }

  /** A post's heading: where, when (local time), whether it was posted again there, its reactions. */
  post(p: ExportPost, again: boolean): string[] {
    const tr = this.tr;
    const zone = this.zone(p);
    const posted = tr.t('report.posted', { when: localTime(p.postedAt, zone, tr.lang, true), zone });
    return [`### ${mdText(this.where(p.platform, p.channel))}`, '', `${posted}${again ? ` ${tr.t('report.again')}` : ''}${p.reactions ? ` · ${tr.t('digest.reactions', { n: p.reactions })}` : ''}`, ''];
  }

  quiet(): string[] {
    return [this.tr.t('report.quiet'), ''];
  }

  /** A share: the words quoted, who and when, its reactions, its links and files. */
  reply(r: ExportReply, p: ExportPost): string[] {
    const tr = this.tr;
    const bits = [`**${mdText(r.name ?? r.user)}**`, this.times.of(r.at, this.zone(p), tr.lang)];
    if (r.reactions) bits.push(tr.t('digest.reactions', { n: r.reactions }));
    const out = [`> ${mdText(r.text)}`, '', `— ${bits.join(' · ')}`, ''];
    const links = [...(r.links ?? []), ...(r.files ?? [])];
    if (links.length) out.push(`${tr.t('report.links')} ${links.map(mdUrl).join(', ')}`, '');
    return out;
  }

  private zone(p: ExportPost): string {
    return this.ctx?.zoneOf(p.platform, p.channel) ?? 'UTC';
  }
}

/**
 * A report by day (by week in a weekly programme) a community manager can forward: the sponsor's
 * figures first, then each day in order with its posts (local times in each channel's zone), the
 * shares with names and links.
 * Written as it is read: the posts' fields are taken first (each with its count of shares, so a
 * day's heading can say how many before they come), then their replies a page at a time.
 */
export async function* markdownReport(source: AsyncIterable<ExportPostPages>, title: string, ctx?: ReportContext): AsyncGenerator<string, void, undefined> {
  const items: ExportPostPages[] = [];
  for await (const item of source) items.push(item);
  // Lines are joined with \n across chunks, as one join of every line would.
  let started = false;
  let last = '';
  const chunk = (ls: string[]) => {
    const text = `${started ? '\n' : ''}${ls.join('\n')}`;
    started = true;
    if (text) last = text;
    return text;
  };
  for (const section of sectionsOf(items, title, ctx)) yield* reportSection(section.items, section.title, section.ctx, chunk);
  if (!last.endsWith('\n')) yield '\n';
}

/** The posts of each section's run (a post of a run no section names goes to the first). */
function sectionsOf(items: ExportPostPages[], title: string, ctx?: ReportContext): { title: string; ctx?: ReportContext; items: ExportPostPages[] }[] {
  const sections = ctx?.sections ?? [];
  if (sections.length === 0) return [{ title, ctx, items }];
  const runs = new Set(sections.map((s) => s.run));
  return sections.map((s, i) => ({ title: s.title, ctx: s.ctx, items: items.filter((x) => x.post.run === s.run || (i === 0 && !runs.has(x.post.run))) }));
}

/** One run's report: its title and figures, then each day in order with its posts and shares. */
async function* reportSection(items: ExportPostPages[], title: string, ctx: ReportContext | undefined, chunk: (ls: string[]) => string): AsyncGenerator<string, void, undefined> {
  const lines = new ReportLines(ctx);
  const days = [...new Set(items.map((i) => i.post.day))].sort((a, b) => a - b);
  yield chunk(lines.head(title, days));
  for (const day of days) {
    const ps = items.filter((i) => i.post.day === day).sort((a, b) => a.post.postedAt.localeCompare(b.post.postedAt));
    yield chunk(lines.day(day, ps.map((i) => i.post), ps.reduce((n, i) => n + sharesOf(i), 0)));
    for (const [k, { post, pages }] of ps.entries()) {
      // `post N again` made a second thread in this channel: say so on the later one.
      const again = ps.findIndex((x) => x.post.platform === post.platform && x.post.channel === post.channel) < k;
      yield chunk(lines.post(post, again));
      let replies = 0;
      for await (const page of pages) {
        if (page.length === 0) continue;
        replies += page.length;
        yield chunk(page.flatMap((r) => lines.reply(r, post)));
      }
      if (replies === 0) yield chunk(lines.quiet());
    }
  }
}

/** How many shares a post has, known before its pages are read (`streamExport` with `counted`). */
function sharesOf(i: ExportPostPages): number {
  if (i.shares === undefined) throw new Error('the Markdown report needs each post\'s count of shares (streamExport with counted: true)');
  return i.shares;
}
