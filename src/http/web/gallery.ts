// Gallery: every share from every channel and platform, grouped by day, newest prompt first,
// with filters that hide (never rebuild) what does not match.
import { SANDBOX } from './api.js';
import { byId, dateLabel, el, link, linkify, reconcile, setText, whenIn } from './dom.js';
import { authorName, avatar } from './people.js';
import { channelName } from './programme.js';
import { periodOf, t, tNodes } from './words.js';
import type { ExportDoc, ExportPost, ExportReply, StatusDoc } from './types.js';

const PLATFORM_NAMES: Record<string, string> = { slack: 'Slack', teams: 'Teams' };

/** A platform's name as people know it (the sandbox's in the page's language). */
function platformName(p: string): string {
  return p === SANDBOX ? t('page.platform.sandbox') : (PLATFORM_NAMES[p] ?? p);
}
let zones = new Map<string, string>();
let names = new Map<string, string>();

type Where = Pick<ExportPost, 'platform' | 'channel'>;

interface GalleryDay {
  day: number;
  theme: string;
  date: string | undefined;
  posts: ExportPost[];
}

function chanKey(p: Where): string {
  return `${p.platform}:${p.channel}`;
}

function zoneOf(p: Where): string {
  return zones.get(chanKey(p)) ?? 'UTC';
}

function fileName(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() || u.host);
  } catch {
    return url;
  }
}

function attachments(r: ExportReply): HTMLUListElement | null {
  const items: HTMLLIElement[] = [];
  for (const f of r.files ?? []) {
    const li = el('li', 'file');
    if (/^https?:/i.test(f)) li.append(link(f, `📎 ${fileName(f)}`));
    else li.append(`📎 ${f}`);
    items.push(li);
  }
  for (const l of r.links ?? []) {
    if (!/^https?:/i.test(l)) continue;
    items.push(el('li', 'linked', [link(l, `🔗 ${l.replace(/^https?:\/\//, '')}`)]));
  }
  return items.length ? el('ul', 'attachments', items) : null;
}

function fillShare(node: HTMLLIElement, { r, p }: { r: ExportReply; p: Where }): void {
  const who = authorName(r);
  const at = el('time', 'share-time', whenIn(r.at, zoneOf(p)));
  at.dateTime = r.at;
  const head = el('div', 'share-head', [avatar(who), el('span', 'author', who), at]);
  const body = el('p', 'share-text');
  body.append(linkify(r.text));
  const foot = el('div', 'share-foot');
  if (r.reactions) foot.append(el('span', 'hearts', `❤ ${r.reactions}`));
  if (r.editedAt) foot.append(el('span', 'edited', t('page.edited')));
  node.replaceChildren(...[head, body, attachments(r), foot.childElementCount ? foot : null].filter((x) => x !== null));
  node.dataset.search = `${who} ${r.user} ${r.text} ${(r.links ?? []).join(' ')} ${(r.files ?? []).join(' ')}`.toLowerCase();
}

function threadNode(): HTMLElement {
  return el('article', 'thread', [el('header', 'thread-head'), el('ol', 'shares'), el('p', 'none', t('page.thread.none'))]);
}

function fillThread(node: HTMLElement, p: ExportPost): void {
  const posted = el('time', null, `${whenIn(p.postedAt, zoneOf(p))} ${zoneOf(p)}`);
  posted.dateTime = p.postedAt;
  node.querySelector('.thread-head')!.replaceChildren(
    el('span', `platform pf-${p.platform}`, platformName(p.platform)),
    el('span', 'chan', names.get(chanKey(p)) ?? chanKey(p)),
    el('span', 'posted', tNodes('page.thread.posted', { when: posted })),
    el('span', 'counts', t('page.thread.counts', { n: p.replies.length, hearts: p.reactions })),
  );
  setText(node.querySelector<HTMLElement>('.none')!, t('page.thread.none'));
  node.dataset.day = String(p.day);
  node.dataset.platform = p.platform;
  node.dataset.channel = chanKey(p);
  node.dataset.search = p.theme.toLowerCase();
  const where = { platform: p.platform, channel: p.channel };
  reconcile(node.querySelector('.shares')!, p.replies.map((r) => ({ r, p: where })), (x) => x.r.id, () => el('li', 'share'), fillShare);
}

function dayNode(): HTMLElement {
  return el('section', 'g-day', [el('h3', 'g-day-head'), el('div', 'threads')]);
}

function fillDay(node: HTMLElement, d: GalleryDay): void {
  const h = node.querySelector('.g-day-head')!;
  const id = `g-day-${d.day}`;
  h.id = id;
  node.setAttribute('aria-labelledby', id);
  h.replaceChildren(el('span', 'day-no', periodOf(d.day)), ` ${d.theme} `, el('span', 'g-day-date', d.date ? dateLabel(d.date) : ''));
  reconcile(node.querySelector('.threads')!, d.posts, (p) => `${chanKey(p)}:${p.thread}`, threadNode, fillThread);
}

/** Keeps a select's options in step with the data without losing what is chosen. */
function syncOptions(select: HTMLSelectElement, options: [string, string][]): void {
  const keep = select.value;
  const wanted = new Map(options);
  for (const o of [...select.options]) if (o.value && !wanted.has(o.value)) o.remove();
  const have = new Set([...select.options].map((o) => o.value));
  for (const [value, label] of options) {
    if (have.has(value)) continue;
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.append(o);
  }
  for (const o of select.options) {
    const label = wanted.get(o.value);
    if (label !== undefined) o.textContent = label;
  }
  select.value = wanted.has(keep) ? keep : '';
}

const field = (id: string): string => byId<HTMLInputElement | HTMLSelectElement>(id).value;

export function applyFilters(): void {
  const day = field('f-day');
  const platform = field('f-platform');
  const channel = field('f-channel');
  const words = field('f-search').toLowerCase().split(/\s+/).filter(Boolean);
  const narrowing = Boolean(day || platform || channel || words.length);
  let shown = 0;
  let total = 0;
  for (const dayEl of byId('gallery-days').children as HTMLCollectionOf<HTMLElement>) {
    let dayVisible = false;
    for (const t of dayEl.querySelectorAll<HTMLElement>('.thread')) {
      const threadOk = (!day || t.dataset.day === day) && (!platform || t.dataset.platform === platform) && (!channel || t.dataset.channel === channel);
      let visible = 0;
      for (const s of t.querySelectorAll<HTMLElement>('.share')) {
        total++;
        const hay = `${s.dataset.search} ${t.dataset.search}`;
        const ok = threadOk && words.every((w) => hay.includes(w));
        s.hidden = !ok;
        if (ok) visible++;
      }
      shown += visible;
      const count = t.querySelectorAll('.share').length;
      t.querySelector<HTMLElement>('.none')!.hidden = count > 0;
      t.hidden = !threadOk || (narrowing && words.length > 0 && visible === 0);
      if (!t.hidden) dayVisible = true;
    }
    dayEl.hidden = !dayVisible;
  }
  setText(byId('gallery-count'), total === 0 ? t('page.gallery.empty') : narrowing ? t('page.gallery.showing', { shown, total }) : t('page.gallery.all', { total }));
}

/** YYYY-MM-DD plus n calendar days. */
function addDays(ymd: string, n: number): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** `pastRunStart`: the start date of an earlier run being shown (its days fall on other dates). */
export function renderGallery(exp: ExportDoc, status: StatusDoc, pastRunStart: string | null): void {
  zones = new Map(status.channels.map((c) => [`${c.platform}:${c.id}`, c.timezone]));
  names = new Map(status.channels.map((c) => [`${c.platform}:${c.id}`, channelName(c)]));
  const schedule = status.programme.schedule ?? [];
  const dates = new Map(schedule.map((d) => [d.day, pastRunStart ? addDays(pastRunStart, d.day - 1) : d.date]));
  const byDay = new Map<number, GalleryDay>();
  for (const p of exp.posts) {
    let d = byDay.get(p.day);
    if (!d) byDay.set(p.day, (d = { day: p.day, theme: p.theme, date: dates.get(p.day), posts: [] }));
    d.posts.push(p);
  }
  const newest = (d: GalleryDay) => Math.max(...d.posts.map((p) => Date.parse(p.postedAt)));
  const days = [...byDay.values()].sort((a, b) => newest(b) - newest(a) || b.day - a.day);
  for (const d of days) d.posts.sort((a, b) => Date.parse(b.postedAt) - Date.parse(a.postedAt));
  reconcile(byId('gallery-days'), days, (d) => d.day, dayNode, fillDay);

  syncOptions(byId('f-day'), [...byDay.values()].sort((a, b) => a.day - b.day).map((d) => [String(d.day), periodOf(d.day, d.theme)]));
  const platforms = [...new Set(exp.posts.map((p) => p.platform))].sort();
  syncOptions(byId('f-platform'), platforms.map((p) => [p, platformName(p)]));
  const chans = [...new Set(exp.posts.map(chanKey))].sort();
  syncOptions(byId('f-channel'), chans.map((c) => [c, names.get(c) ?? c]));
  applyFilters();
}

export function initGalleryFilters(): void {
  const form = byId('filters');
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', applyFilters);
  form.addEventListener('change', applyFilters);
}
