/**
 * The Markdown report as it was built before it was streamed (commit 6293617, whole in memory):
 * kept only here, as the reference the streamed report must equal byte for byte.
 */
import { DateTime } from 'luxon';
import type { ExportPost } from '../../src/core/export';
import type { ReportContext } from '../../src/core/export-markdown';
import { english, type Translator } from '../../src/core/i18n/catalogue';
import type { RunStats } from '../../src/core/stats';

/** Markdown: escape what would change the report's structure, keep the words. */
function mdText(s: string): string {
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

function figures(s: RunStats, tr: Translator, where: (p: string, c: string) => string, posted: ReadonlySet<number>): string[] {
  const out = [
    `## ${tr.t('report.figures')}`, '',
    `- ${tr.t('report.people', { n: s.people })}`,
    `- ${tr.t('report.returning', { n: s.returning })}`,
    `- ${tr.t('report.firstTime', { n: s.firstTime })}`,
    `- ${tr.t('report.shares', { n: s.shares })}`,
    '',
    `| ${tr.t('report.col.day')} | ${tr.t('report.col.theme')} | ${tr.t('report.col.shares')} | ${tr.t('report.col.people')} |`,
    '| ---: | --- | ---: | ---: |',
    // A day not posted yet has no figure (a gap, not a zero).
    ...s.days.map((d) => (posted.has(d.day) ? `| ${d.day} | ${mdText(d.theme)} | ${d.shares} | ${d.people} |` : `| ${d.day} | ${mdText(d.theme)} | — | — |`)),
    '',
  ];
  if (s.channels.length) {
    out.push(`| ${tr.t('report.col.channel')} | ${tr.t('report.col.shares')} | ${tr.t('report.col.people')} |`, '| --- | ---: | ---: |');
    for (const c of s.channels) out.push(`| ${mdText(where(c.platform, c.channel))} | ${c.shares} | ${c.people} |`);
    out.push('');
  }
  return out;
}

/**
 * A report by day a community manager can forward: the sponsor's figures first, then each day in
 * order with its posts (local times in each channel's zone), the shares with names and links.
 */
export function markdownBefore(posts: ExportPost[], title: string, ctx?: ReportContext): string {
  const tr = ctx?.tr ?? english;
  const lang = tr.lang;
  const zoneOf = ctx?.zoneOf ?? (() => 'UTC');
  const where = (p: string, c: string) => {
    const name = ctx?.channelName?.(p, c);
    return name ? `${name} (${p}:${c})` : `${p}:${c}`;
  };
  const out = [`# ${mdText(title)}`, ''];
  if (ctx?.stats?.run) out.push(tr.t('report.run', { start: ctx.stats.run.start }), '');
  const days = [...new Set(posts.map((p) => p.day))].sort((a, b) => a - b);
  if (ctx?.stats && ctx.stats.shares > 0) out.push(...figures(ctx.stats, tr, where, ctx.postedDays ?? new Set(days)));
  if (days.length === 0) out.push(tr.t('report.nothing'), '');
  for (const day of days) {
    const ps = posts.filter((p) => p.day === day).sort((a, b) => a.postedAt.localeCompare(b.postedAt));
    const shares = ps.reduce((n, p) => n + p.replies.length, 0);
    const channels = new Set(ps.map((p) => `${p.platform}:${p.channel}`)).size;
    const heading = ctx?.heading?.(day, ps[0]!.theme) ?? tr.t('frame.heading.daily', { n: day, theme: ps[0]!.theme });
    out.push(`## ${mdText(heading)}`, '', tr.t('report.day', { posts: ps.length, channels, shares }), '');
    for (const p of ps) {
      const zone = zoneOf(p.platform, p.channel);
      // `post N again` made a second thread in this channel: say so on the later one.
      const again = ps.findIndex((x) => x.platform === p.platform && x.channel === p.channel) < ps.indexOf(p);
      const posted = tr.t('report.posted', { when: localTime(p.postedAt, zone, lang, true), zone });
      out.push(`### ${mdText(where(p.platform, p.channel))}`, '', `${posted}${again ? ` ${tr.t('report.again')}` : ''}${p.reactions ? ` · ${tr.t('digest.reactions', { n: p.reactions })}` : ''}`, '');
      if (p.replies.length === 0) out.push(tr.t('report.quiet'), '');
      for (const r of p.replies) {
        const bits = [`**${mdText(r.name ?? r.user)}**`, localTime(r.at, zone, lang, false)];
        if (r.reactions) bits.push(tr.t('digest.reactions', { n: r.reactions }));
        out.push(`> ${mdText(r.text)}`, '', `— ${bits.join(' · ')}`, '');
        const links = [...(r.links ?? []), ...(r.files ?? [])];
        if (links.length) out.push(`${tr.t('report.links')} ${links.map(mdUrl).join(', ')}`, '');
      }
    }
  }
  return out.join('\n');
}
