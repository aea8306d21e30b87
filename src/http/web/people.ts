// How a person shows on the page: their display name when the store knows it, else their id.
import { el } from './dom.js';

export function authorName(r: { name?: string | null; user: string }): string {
  return r.name || r.user;
}

function hue(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % 8;
}

/** A round badge with the person's initials (decorative: the name is written beside it). */
export function avatar(name: string): HTMLSpanElement {
  const words = name.replace(/[^\p{L}\p{N}\s_-]/gu, '').split(/[\s_-]+/).filter(Boolean).slice(0, 2);
  const initials = words.map((w) => ([...w][0] ?? '').toUpperCase()).join('') || '?';
  const a = el('span', `avatar hue-${hue(name)}`, initials);
  a.setAttribute('aria-hidden', 'true');
  return a;
}
