import type { DigestMessage, PromptMessage } from '../../src/core/ports';

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

export function promptCard(p: PromptMessage): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: CARD_VERSION,
    body: [
      { type: 'TextBlock', text: p.programmeTitle, isSubtle: true, size: 'Small', wrap: true },
      { type: 'TextBlock', text: `Day ${p.day} · ${p.theme}`, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: p.text, wrap: true },
      {
        type: 'Container',
        style: 'emphasis',
        bleed: true,
        spacing: 'Medium',
        items: [
          { type: 'TextBlock', text: "Today's challenge", weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: p.challenge, wrap: true },
        ],
      },
      {
        type: 'TextBlock',
        text: 'Reply in this thread with your work in progress: something unfinished, a draft, a question.',
        wrap: true,
        spacing: 'Medium',
      },
      { type: 'TextBlock', text: p.footer, isSubtle: true, size: 'Small', wrap: true, spacing: 'Medium' },
    ],
  };
}

export function promptText(p: PromptMessage): string {
  return [
    `**Day ${p.day} · ${p.theme}** (${p.programmeTitle})`,
    p.text,
    `**Today's challenge:** ${p.challenge}`,
    'Reply in this thread with your work in progress.',
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

export function digestText(d: DigestMessage): string {
  const head = `**Day ${d.day} · ${d.theme}: digest** — ${d.replyCount} ${plural(d.replyCount, 'reply', 'replies')} from ${d.peopleCount} ${plural(d.peopleCount, 'person', 'people')}, ${d.promptReactions} ${plural(d.promptReactions, 'reaction', 'reactions')} on the prompt.`;
  const lines = d.highlights.map((h, i) => `${i + 1}. ${escapeTeamsText(h.text)} (${h.reactions} ${plural(h.reactions, 'reaction', 'reactions')})`);
  return lines.length ? `${head}\n\nHighlights:\n\n${lines.join('\n')}` : head;
}

export function digestActivity(d: DigestMessage): TeamsMessage {
  const body: unknown[] = [
    { type: 'TextBlock', text: `Day ${d.day} · ${d.theme}: digest`, weight: 'Bolder', size: 'Medium', wrap: true },
    {
      type: 'FactSet',
      facts: [
        { title: 'Replies', value: String(d.replyCount) },
        { title: 'People', value: String(d.peopleCount) },
        { title: 'Reactions on the prompt', value: String(d.promptReactions) },
      ],
    },
  ];
  for (const h of d.highlights) {
    body.push({ type: 'TextBlock', text: `${escapeTeamsText(h.text)} (${h.reactions})`, wrap: true, separator: true });
  }
  return {
    type: 'message',
    text: digestText(d),
    attachments: [
      { contentType: ADAPTIVE_CARD, content: { type: 'AdaptiveCard', version: CARD_VERSION, body } },
    ],
  };
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
