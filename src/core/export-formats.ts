import type { ExportPost } from './export';

/** CSV cell: quoted, and a leading = + - @ tab or CR neutralised so spreadsheets don't run it. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

const CSV_HEAD = ['platform', 'channel', 'day', 'theme', 'thread', 'postedAt', 'user', 'name', 'at', 'reactions', 'text'];

/** One row per reply. */
export function toCsv(posts: ExportPost[]): string {
  const rows = [CSV_HEAD.join(',')];
  for (const p of posts) {
    for (const r of p.replies) {
      rows.push([p.platform, p.channel, p.day, p.theme, p.thread, p.postedAt, r.user, r.name ?? '', r.at, r.reactions, r.text].map(csvCell).join(','));
    }
  }
  return rows.join('\r\n') + '\r\n';
}

/** Markdown: escape what would change the report's structure, keep the words. */
function mdText(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r\n|\r|\n/g, '  \n> '); // a lone CR ends a line in Markdown too
}

/** A report by day. */
export function toMarkdown(posts: ExportPost[], title: string): string {
  const out = [`# ${title}`, ''];
  const days = [...new Set(posts.map((p) => p.day))].sort((a, b) => a - b);
  if (days.length === 0) out.push('Nothing has been posted yet.', '');
  for (const day of days) {
    const ps = posts.filter((p) => p.day === day);
    const replies = ps.reduce((n, p) => n + p.replies.length, 0);
    out.push(`## Day ${day}: ${mdText(ps[0]!.theme)}`, '', `${ps.length} channel${ps.length === 1 ? '' : 's'}, ${replies} repl${replies === 1 ? 'y' : 'ies'}.`, '');
    for (const p of ps) {
      out.push(`### ${p.platform}:${mdText(p.channel)} — posted ${p.postedAt}, ${p.reactions} reaction${p.reactions === 1 ? '' : 's'}`, '');
      for (const r of p.replies) out.push(`> ${mdText(r.text)}`, `— ${mdText(r.user)}, ${r.at}, ${r.reactions} reaction${r.reactions === 1 ? '' : 's'}`, '');
    }
  }
  return out.join('\n');
}
