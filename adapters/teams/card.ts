import type { PromptMessage } from '../../src/core/ports';

/** Adaptive Card content type and schema version Teams renders (1.5 on desktop, web and mobile). */
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';

export interface TeamsMessage {
  type: 'message';
  text: string;
  textFormat?: 'plain' | 'markdown' | 'xml';
  attachments?: { contentType: string; content: unknown }[];
}

/**
 * Programme text is ours; user text (digest highlights) is not: Adaptive Card TextBlocks and the
 * text fallback render a markdown subset, so neutralise its markup and any HTML.
 */
export function escapeTeamsText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1');
}

/** A markdown link whose URL cannot end early (brackets and spaces percent-encoded). */
export function markdownLink(label: string, url: string): string {
  return `[${escapeTeamsText(label)}](${url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

export function promptCard(p: PromptMessage): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    body: [
      { type: 'TextBlock', text: p.programmeTitle, isSubtle: true, size: 'Small', wrap: true },
      { type: 'TextBlock', text: p.heading, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: p.text, wrap: true },
      ...(p.link ? [{ type: 'TextBlock', text: markdownLink(p.link.label, p.link.url), wrap: true }] : []),
      {
        type: 'Container',
        style: 'emphasis',
        bleed: true,
        spacing: 'Medium',
        items: [
          { type: 'TextBlock', text: p.challengeLabel, weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: p.challenge, wrap: true },
        ],
      },
      ...(p.invite ? [{ type: 'TextBlock', text: p.invite, wrap: true, spacing: 'Medium' }] : []),
      { type: 'TextBlock', text: p.footer, isSubtle: true, size: 'Small', wrap: true, spacing: 'Medium' },
    ],
  };
}

export function promptText(p: PromptMessage): string {
  return [
    `**${p.heading}** (${p.programmeTitle})`,
    p.text,
    ...(p.link ? [markdownLink(p.link.label, p.link.url)] : []),
    `**${p.challengeLabel}:** ${p.challenge}`,
    ...(p.invite ? [p.invite] : []),
    `_${p.footer}_`,
  ].join('\n\n');
}

export function promptActivity(p: PromptMessage): TeamsMessage {
  return {
    type: 'message',
    text: promptText(p),
    attachments: [{ contentType: ADAPTIVE_CARD, content: promptCard(p) }],
  };
}
