// Small DOM helpers. Every piece of people's text goes in through textContent or a text node:
// nothing anyone writes ever becomes markup.

/** An element with a class and text (or child nodes). */
export function el(tag, cls, content) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (typeof content === 'string') e.textContent = content;
  else if (Array.isArray(content)) for (const c of content) if (c) e.append(c);
  return e;
}

/** Sets text only when it changed (a live update must not disturb what is already right). */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Makes `parent`'s children match `items` by key, touching only what changed: existing nodes are
 * kept (and their focus, scroll and typed text with them), new ones created, gone ones removed,
 * and a node is moved only when it is out of place.
 */
export function reconcile(parent, items, keyOf, create, update) {
  const keys = items.map((item) => String(keyOf(item)));
  const wanted = new Set(keys);
  const existing = new Map();
  for (const child of [...parent.children]) {
    const key = child.dataset.key;
    if (key === undefined) continue;
    if (wanted.has(key)) existing.set(key, child);
    else child.remove();
  }
  items.forEach((item, i) => {
    let node = existing.get(keys[i]);
    if (!node) {
      node = create(item);
      node.dataset.key = keys[i];
    }
    const sig = JSON.stringify(item);
    if (node.wolSig !== sig) {
      update(node, item);
      node.wolSig = sig;
    }
    const at = parent.children[i];
    if (at !== node) parent.insertBefore(node, at ?? null);
  });
}

// Slack writes links as <https://x|label> or <https://x>; people also paste bare URLs.
const LINK_RE = /<(https?:\/\/[^|>\s]+)(?:\|([^>]*))?>|\bhttps?:\/\/[^\s<>"']+/g;

/** Only http(s) links become anchors; they open in a new tab without a referrer. */
export function link(href, label) {
  const a = el('a', 'ext', label || href);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer nofollow ugc';
  return a;
}

function safeUrl(raw) {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

// Slack's own markup for mentions and channels reads as words on the page: <@U123|ana> → @ana.
const SLACK_REFS = /<([@#!])([A-Za-z0-9._-]+)(?:\|([^>]*))?>/g;

function slackWords(text) {
  return text.replace(SLACK_REFS, (_m, sigil, id, label) => (sigil === '!' ? `@${label || id}` : `${sigil}${label || id}`));
}

/** A fragment of text nodes and anchors: links clickable, everything else plain text. */
export function linkify(raw) {
  const text = slackWords(raw);
  const frag = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(LINK_RE)) {
    let raw = m[1] ?? m[0];
    let trail = '';
    if (!m[1]) {
      // A sentence's full stop or closing bracket is not part of the address.
      const t = /[.,;:!?)\]]+$/.exec(raw);
      if (t) {
        trail = t[0];
        raw = raw.slice(0, -trail.length);
      }
    }
    const href = safeUrl(raw);
    if (!href) continue;
    frag.append(document.createTextNode(text.slice(last, m.index)));
    frag.append(link(href, m[2] || raw));
    if (trail) frag.append(document.createTextNode(trail));
    last = m.index + m[0].length;
  }
  frag.append(document.createTextNode(text.slice(last)));
  return frag;
}

const formats = new Map();
function fmt(zone, opts) {
  const key = zone + JSON.stringify(opts);
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...opts }));
  return formats.get(key);
}

/** "Mon 16 Nov, 09:00" in `zone` (a channel's or the programme's own zone, never the browser's). */
export function whenIn(iso, zone) {
  return fmt(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "Mon 16 Nov 2026" for a calendar date (YYYY-MM-DD). */
export function dateLabel(ymd) {
  return fmt('UTC', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${ymd}T12:00:00Z`));
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
