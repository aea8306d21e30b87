// How a person shows on the page: their display name when the store knows it, else their id.
import { el } from './dom.js';

export function authorName(r) {
  return r.name || r.user;
}

function hue(s) {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return h % 8;
}

/** A round badge with the person's initials (decorative: the name is written beside it). */
export function avatar(name) {
  const initials = name.replace(/[^\p{L}\p{N}\s_-]/gu, '').split(/[\s_-]+/).filter(Boolean).slice(0, 2).map((w) => [...w][0].toUpperCase()).join('') || '?';
  const a = el('span', `avatar hue-${hue(name)}`, initials);
  a.setAttribute('aria-hidden', 'true');
  return a;
}
