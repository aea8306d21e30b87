import type { SummaryLink, SummaryMessage } from '../../src/core/ports/summary';
import { ADAPTIVE_CARD, CARD_VERSION, escapeTeamsText, type TeamsMessage } from './card';

const QUOTE_MAX = 300;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** http(s) only, and no character that would end a markdown link early. */
function safeUrl(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url.replace(/[()<>\s]/g, (c) => encodeURIComponent(c)) : null;
}

function mdLink(l: SummaryLink): string {
  const url = safeUrl(l.url);
  return url ? `[${escapeTeamsText(l.label)}](${url})` : escapeTeamsText(l.label);
}

/**
 * A digest, kick-off or wrap-up as an Adaptive Card with a markdown text fallback. Every string is
 * escaped (names and quotes come from people); names are plain text, never `<at>` mentions.
 */
export function summaryActivity(m: SummaryMessage): TeamsMessage {
  const body: unknown[] = [{ type: 'TextBlock', text: escapeTeamsText(m.title), weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' }];
  const text: string[] = [`**${escapeTeamsText(m.title)}**`];
  for (const p of m.intro) {
    body.push({ type: 'TextBlock', text: escapeTeamsText(p), wrap: true });
    text.push(escapeTeamsText(p));
  }
  for (const s of m.sections) {
    const items: unknown[] = [];
    const lines: string[] = [];
    if (s.heading) {
      items.push({ type: 'TextBlock', text: escapeTeamsText(s.heading), weight: 'Bolder', wrap: true });
      lines.push(`**${escapeTeamsText(s.heading)}**`);
    }
    for (const l of s.lines) {
      const line = escapeTeamsText(l.text) + (l.link ? ` ${mdLink(l.link)}` : '');
      items.push({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' });
      lines.push(`- ${line}`);
      if (l.quote) {
        const q = escapeTeamsText(clip(l.quote.trim(), QUOTE_MAX));
        items.push({ type: 'TextBlock', text: q, wrap: true, isSubtle: true, spacing: 'None' });
        lines.push(`  _${q.replace(/\r?\n/g, ' ')}_`);
      }
    }
    body.push({ type: 'Container', spacing: 'Medium', items });
    text.push(lines.join('\n'));
  }
  const actions = m.links
    .map((l) => ({ l, url: safeUrl(l.url) }))
    .filter((x): x is { l: SummaryLink; url: string } => x.url !== null)
    .map(({ l, url }) => ({ type: 'Action.OpenUrl', title: l.label, url }));
  if (m.links.length) text.push(m.links.map(mdLink).join(' · '));
  return {
    type: 'message',
    text: text.join('\n\n'),
    attachments: [{ contentType: ADAPTIVE_CARD, content: { type: 'AdaptiveCard', version: CARD_VERSION, body, ...(actions.length ? { actions } : {}) } }],
  };
}
