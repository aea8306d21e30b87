// People's text as the page shows it: Slack's markup read as words, links found. Pure (no DOM),
// so tests run it in Node. Every pattern stops at the next `<` or `>` and trailing punctuation is
// trimmed by a scan, not a pattern, so the work is linear in the text's length whatever anyone
// writes (the same approach as the server's Slack decoder, adapters/slack/text.ts).

/** A piece of text, or a link with the words to show for it. */
export type Segment = { text: string } | { href: string; label: string; trail: string };

// Slack writes links as <https://x|label> or <https://x>; people also paste bare URLs.
const LINK_RE = /<(https?:\/\/[^|<>\s]+)(?:\|([^<>]*))?>|\bhttps?:\/\/[^\s<>"']+/g;
// Slack's own markup for mentions and channels reads as words on the page: <@U123|ana> → @ana.
const SLACK_REFS = /<([@#!])([A-Za-z0-9._-]+)(?:\|([^<>]*))?>/g;
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']']);

export function slackWords(text: string): string {
  return text.replace(SLACK_REFS, (_m, sigil: string, id: string, label?: string) => (sigil === '!' ? `@${label || id}` : `${sigil}${label || id}`));
}

/** Only http(s) addresses are links; anything else (javascript:, a broken URL) stays text. */
export function safeUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The length of `s` without a sentence's closing punctuation (a full stop is not part of an address). */
function withoutTrail(s: string): number {
  let end = s.length;
  while (end > 0 && TRAILING.has(s[end - 1]!)) end--;
  return end;
}

/** The text cut into plain pieces and links, in order; joined, the pieces read as the text does. */
export function segments(raw: string): Segment[] {
  const text = slackWords(raw);
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK_RE)) {
    let address = m[1] ?? m[0];
    let trail = '';
    if (!m[1]) {
      const end = withoutTrail(address);
      trail = address.slice(end);
      address = address.slice(0, end);
    }
    const href = safeUrl(address);
    if (!href) continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ href, label: m[2] || address, trail });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
