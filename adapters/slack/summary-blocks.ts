import type { SummaryLink, SummaryMessage } from '../../src/core/ports/summary';
import { escapeSlack } from './text';

const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const QUOTE_MAX = 300;
const BLOCKS_MAX = 50;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** A link Slack cannot misread: http(s) only, and none of the characters that end its link syntax. */
function link(l: SummaryLink): string {
  const url = /^https?:\/\//i.test(l.url) ? l.url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c)) : '';
  return url ? `<${url}|${escapeSlack(l.label)}>` : escapeSlack(l.label);
}

/** Someone's words as a quotation: escaped (no pings, no forged links), each line marked. */
function quote(s: string): string {
  return clip(escapeSlack(s.trim()), QUOTE_MAX)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

/** Split text at line (or word) breaks into pieces a section block can hold, so nothing is cut. */
function pieces(text: string, max = SECTION_MAX): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf('\n', max);
    if (at <= 0) at = rest.lastIndexOf(' ', max);
    if (at <= 0) at = max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  out.push(rest);
  return out;
}

/**
 * chat.postMessage arguments (channel, thread added by the caller) for a digest, kick-off or
 * wrap-up: Block Kit plus an escaped text fallback. Names are plain text, so nobody is pinged.
 */
export function summaryMessage(m: SummaryMessage) {
  const paras: string[] = m.intro.map(escapeSlack);
  for (const s of m.sections) {
    const lines = s.lines.map((l) => [escapeSlack(l.text) + (l.link ? ` ${link(l.link)}` : ''), l.quote ? quote(l.quote) : ''].filter(Boolean).join('\n'));
    paras.push([s.heading ? `*${escapeSlack(s.heading)}*` : '', ...lines].filter(Boolean).join('\n'));
  }
  const links = m.links.map(link).join('  ·  ');
  const blocks: object[] = [{ type: 'header', text: { type: 'plain_text', text: clip(m.title, HEADER_MAX), emoji: true } }];
  // verbatim: Slack parses nothing in plain words (a quoted `@here` or `@Ana` pings nobody); our own `<url|label>` links still work.
  for (const p of paras) for (const piece of pieces(p)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece, verbatim: true } });
  if (links) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(links, SECTION_MAX) }] });
  const text = [`*${escapeSlack(m.title)}*`, ...paras, links].filter(Boolean).join('\n\n');
  return {
    text,
    // Past Slack's 50 blocks, the text alone carries the whole message.
    ...(blocks.length <= BLOCKS_MAX ? { blocks } : {}),
    unfurl_links: false,
    unfurl_media: false,
  };
}
