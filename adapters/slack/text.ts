/** Slack's text encoding: what we post is escaped, what people wrote is decoded back. */

/** Escape the three characters Slack's mrkdwn treats as control (no pings, no forged links). */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const LINK = /<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>/g;

/** URLs in a message's text (Slack sends them as `<url>` or `<url|label>`). */
export function extractLinks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LINK)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/**
 * Back to what the person typed: auto-links `<url>` / `<url|url-without-scheme>` become the bare
 * text, then Slack's three entities are decoded. Mentions (`<@U…>`) stay as Slack writes them.
 */
export function decodeSlackText(text: string): string {
  const linked = text.replace(LINK, (whole, url: string, label?: string) => {
    if (label === undefined) return url.startsWith('mailto:') ? url.slice(7) : url;
    if (url === label || url.endsWith(`//${label}`) || url === `mailto:${label}`) return label;
    return whole;
  });
  return linked.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Slack `ts` ("1700000000.000100") as a Date. */
export function tsToDate(ts: string): Date {
  return new Date(Math.round(parseFloat(ts) * 1000));
}
