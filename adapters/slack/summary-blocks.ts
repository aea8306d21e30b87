import type { SummaryLink, SummaryMessage } from '../../src/core/ports/summary';
import { clipText, codePoints } from '../../src/core/ports/text-fit';
import { SLACK_LIMITS } from './limits';
import { escapeSlack, linkTarget } from './text';

const QUOTE_MAX = 300;

/** Rich text elements: literal text (no mrkdwn, no entities), so a name like `*Ana_*` stays as written. */
type RichText = { type: 'text'; text: string; style?: { bold?: boolean; italic?: boolean } } | { type: 'link'; url: string; text: string };
type RichElement = { type: 'rich_text_section' | 'rich_text_quote'; elements: RichText[] };

/** http(s) only: anything else is shown as its label alone. */
function httpUrl(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url : null;
}

function richLink(l: SummaryLink): RichText {
  const url = httpUrl(l.url);
  return url ? { type: 'link', url, text: l.label } : { type: 'text', text: l.label };
}

/** A link in mrkdwn (the text fallback): `<url|label>` with the URL's `&` escaped as Slack asks. */
function mrkdwnLink(l: SummaryLink): string {
  const url = httpUrl(l.url);
  return url ? `<${linkTarget(url)}|${escapeSlack(l.label)}>` : escapeSlack(l.label);
}

function quoteOf(s: string): string {
  return clipText(s.trim(), QUOTE_MAX);
}

/** Sections in a row end with a line break (Slack runs adjacent sections together). */
function lineBreaks(elements: RichElement[]): RichElement[] {
  return elements.map((e, i) => {
    const next = elements[i + 1];
    if (e.type !== 'rich_text_section' || next?.type !== 'rich_text_section') return e;
    const last = e.elements.at(-1)!;
    return { ...e, elements: [...e.elements.slice(0, -1), { ...last, text: `${last.text}\n` }] };
  });
}

function summaryBlocks(m: SummaryMessage): object[] {
  const blocks: object[] = [{ type: 'header', text: { type: 'plain_text', text: clipText(m.title, SLACK_LIMITS.headerChars), emoji: true } }];
  for (const p of m.intro) blocks.push({ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: p }] }] });
  for (const s of m.sections) {
    const elements: RichElement[] = [];
    if (s.heading) elements.push({ type: 'rich_text_section', elements: [{ type: 'text', text: s.heading, style: { bold: true } }] });
    for (const l of s.lines) {
      elements.push({ type: 'rich_text_section', elements: [{ type: 'text', text: l.link ? `${l.text} ` : l.text }, ...(l.link ? [richLink(l.link)] : [])] });
      if (l.quote) elements.push({ type: 'rich_text_quote', elements: [{ type: 'text', text: quoteOf(l.quote), style: { italic: true } }] });
    }
    if (elements.length) blocks.push({ type: 'rich_text', elements: lineBreaks(elements) });
  }
  if (m.links.length) {
    const links = m.links.flatMap((l, i) => (i ? [{ type: 'text', text: '  ·  ' } as RichText, richLink(l)] : [richLink(l)]));
    blocks.push({ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: links }] });
  }
  return blocks;
}

/** The escaped mrkdwn fallback (notifications, clients without Block Kit). */
function fallbackText(m: SummaryMessage): string {
  const paras = m.intro.map(escapeSlack);
  for (const s of m.sections) {
    const lines = s.lines.map((l) => [escapeSlack(l.text) + (l.link ? ` ${mrkdwnLink(l.link)}` : ''), l.quote ? escapeSlack(quoteOf(l.quote)).split('\n').map((q) => `> ${q}`).join('\n') : ''].filter(Boolean).join('\n'));
    paras.push([s.heading ? escapeSlack(s.heading) : '', ...lines].filter(Boolean).join('\n'));
  }
  const links = m.links.map(mrkdwnLink).join('  ·  ');
  return [escapeSlack(m.title), ...paras, links].filter(Boolean).join('\n\n');
}

/**
 * chat.postMessage arguments (channel, thread added by the caller) for one form of a digest,
 * kick-off or wrap-up: Block Kit in rich text (people's names and words are literal text there:
 * nobody is pinged, nothing turns into formatting) and an escaped text fallback.
 */
export function summaryMessage(m: SummaryMessage) {
  const text = fallbackText(m);
  return {
    text: codePoints(text) <= SLACK_LIMITS.textChars ? text : escapeSlack(clipText([m.title, ...m.intro].join('\n\n'), SLACK_LIMITS.textChars, (t) => codePoints(escapeSlack(t)))),
    blocks: summaryBlocks(m),
    unfurl_links: false,
    unfurl_media: false,
  };
}

export type SlackSummary = ReturnType<typeof summaryMessage>;

/** Every `text` string inside blocks (header, sections, rich text elements): what Slack counts. */
export function blockTexts(blocks: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(blocks);
  return out;
}

/** Whether Slack takes this message as it counts: blocks, each text, all block text, the fallback. */
export function fitsSlack(msg: { text: string; blocks: object[] }): boolean {
  const texts = blockTexts(msg.blocks).map(codePoints);
  return (
    msg.blocks.length <= SLACK_LIMITS.blocks &&
    texts.every((n) => n <= SLACK_LIMITS.sectionChars) &&
    texts.reduce((a, b) => a + b, 0) <= SLACK_LIMITS.blockTextChars &&
    codePoints(msg.text) <= SLACK_LIMITS.textChars
  );
}
