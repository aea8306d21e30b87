// Small DOM helpers. Every piece of people's text goes in through textContent or a text node:
// nothing anyone writes ever becomes markup.
import { segments } from './links.js';
import { pageLocale } from './words.js';

type Child = Node | string | null | undefined | false;

/** An element with a class and text (or child nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string | null, content?: string | Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (typeof content === 'string') e.textContent = content;
  else if (Array.isArray(content)) for (const c of content) if (c) e.append(c);
  return e;
}

/** The element with this id (the page's own markup has it; a missing one is a bug worth a loud error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} is not on the page`);
  return e as T;
}

/** Sets text only when it changed (a live update must not disturb what is already right). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** A node the reconciler has filled: the data it last showed, to skip an update that changes nothing. */
type Keyed = HTMLElement & { wolSig?: string };

/**
 * Makes `parent`'s children match `items` by key, touching only what changed: existing nodes are
 * kept (and their focus, scroll and typed text with them), new ones created, gone ones removed,
 * and a node is moved only when it is out of place.
 */
export function reconcile<T, N extends HTMLElement>(parent: Element, items: T[], keyOf: (item: T) => string | number, create: (item: T) => N, update: (node: N, item: T) => void): void {
  const keys = items.map((item) => String(keyOf(item)));
  const wanted = new Set(keys);
  const existing = new Map<string, N>();
  for (const child of [...parent.children] as N[]) {
    const key = child.dataset.key;
    if (key === undefined) continue;
    if (wanted.has(key)) existing.set(key, child);
    else child.remove();
  }
  items.forEach((item, i) => {
    let node = existing.get(keys[i]!);
    if (!node) {
      node = create(item);
      node.dataset.key = keys[i];
    }
    const sig = JSON.stringify(item);
    const keyed: Keyed = node;
    if (keyed.wolSig !== sig) {
      update(node, item);
      keyed.wolSig = sig;
    }
    const at = parent.children[i];
    if (at !== node) parent.insertBefore(node, at ?? null);
  });
}

/** Only http(s) links become anchors; they open in a new tab without a referrer. */
export function link(href: string, label?: string): HTMLAnchorElement {
  const a = el('a', 'ext', label || href);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer nofollow ugc';
  return a;
}

/** A fragment of text nodes and anchors: links clickable, everything else plain text. */
export function linkify(raw: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const s of segments(raw)) {
    if ('text' in s) frag.append(document.createTextNode(s.text));
    else {
      frag.append(link(s.href, s.label));
      if (s.trail) frag.append(document.createTextNode(s.trail));
    }
  }
  return frag;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** Dates in the page's language (its programme's), in `zone`. */
function fmt(zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = pageLocale();
  const key = locale + zone + JSON.stringify(opts);
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, ...opts });
    formats.set(key, f);
  }
  return f;
}

/** "Mon 16 Nov, 09:00" (in German "Mo., 16. Nov., 09:00") in `zone` (a channel's or the programme's own zone, never the browser's). */
export function whenIn(iso: string, zone: string): string {
  return fmt(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** Whether a calendar date (YYYY-MM-DD) is today or past, by this browser's calendar. */
export function started(ymd: string): boolean {
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return ymd <= today;
}

/** "Mon 16 Nov 2026" for a calendar date (YYYY-MM-DD). */
export function dateLabel(ymd: string): string {
  return fmt('UTC', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${ymd}T12:00:00Z`));
}
