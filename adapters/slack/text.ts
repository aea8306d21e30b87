/** Slack's text encoding: what we post is escaped, what people wrote is decoded back. */

/** A URL inside Slack's `<url|label>`: what would end it is percent-encoded, `&` is Slack-escaped. */
export function linkTarget(url: string): string {
  return url.replace(/[|<>\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
}

/** Escape the three characters Slack's mrkdwn treats as control (no pings, no forged links). */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `<url>` or `<url|label>`. Neither part may hold `<` (Slack sends a literal one as `&lt;`), so a
 * match attempt never runs past the next `<`: decoding is linear in the text's length, even for
 * hostile input such as `<http:a|` repeated (with `[^>]*` that was quadratic).
 */
const LINK = /<((?:https?|mailto):[^|<>\s]+)(?:\|([^<>]*))?>/g;
const ENTITY = /&(lt|gt|amp);/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&' };

/** URLs in a message's text (Slack sends them as `<url>` or `<url|label>`), each once, in order. */
export function extractLinks(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(LINK)) out.add(m[1]!);
  return [...out];
}

/**
 * Back to what the person typed: auto-links `<url>` / `<url|url-without-scheme>` become the bare
 * text, then Slack's three entities are decoded in one pass. Mentions (`<@U…>`) stay as Slack writes them.
 */
export function decodeSlackText(text: string): string {
  const linked = text.replace(LINK, (whole, url: string, label?: string) => {
    if (label === undefined) return url.startsWith('mailto:') ? url.slice(7) : url;
    if (url === label || url.endsWith(`//${label}`) || url === `mailto:${label}`) return label;
    return whole;
  });
  return linked.replace(ENTITY, (_m, name: string) => ENTITIES[name]!);
}

/** Slack `ts` ("1700000000.000100") as a Date. */
export function tsToDate(ts: string): Date {
  return new Date(Math.round(parseFloat(ts) * 1000));
}
