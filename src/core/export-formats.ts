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
