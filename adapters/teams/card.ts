import type { PromptMessage } from '../../src/core/ports';
import { utf16Bytes } from '../../src/core/ports/text-fit';
import { ENVELOPE_BYTES, TEAMS_LIMITS } from './limits';

/** Adaptive Card content type and schema version Teams renders (1.5 on desktop, web and mobile). */
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';

/**
 * An outgoing message. A card-bearing one has no `text` (desktop would show it above the card):
 * `summary` is its notification line.
 */
export interface TeamsMessage {
  type: 'message';
  text?: string;
  summary?: string;
  textFormat?: 'plain' | 'markdown' | 'xml';
  attachments?: { contentType: string; content: unknown }[];
}

/** A text run: plain text, never markdown (people's words and names go here as written). */
export interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  italic?: boolean;
  isSubtle?: boolean;
  selectAction?: { type: 'Action.OpenUrl'; url: string; title?: string };
}

export function run(text: string, style: Omit<TextRun, 'type' | 'text'> = {}): TextRun {
  return { type: 'TextRun', text, ...style };
}

/** Text shown exactly as written: Adaptive Cards define no escapes, so plain text needs a RichTextBlock. */
export function richText(inlines: TextRun[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'RichTextBlock', inlines, ...extra };
}

/** http(s) only: a card opens nothing else. */
export function httpUrl(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url : null;
}

/** A link's words as a run that opens it (or the words alone for a URL that is not http(s)). */
export function linkRun(label: string, url: string): TextRun {
  const href = httpUrl(url);
  return href ? run(label, { selectAction: { type: 'Action.OpenUrl', url: href, title: label } }) : run(label);
}

export function adaptiveCard(body: unknown[], actions: unknown[] = []): Record<string, unknown> {
  return { type: 'AdaptiveCard', version: CARD_VERSION, body, ...(actions.length ? { actions } : {}) };
}

/**
 * The day's prompt. Programme words are ours and carry no escapes; the title, heading, labels and
 * link are plain text runs (a theme like "R&D (phase 2)." shows as written).
 */
export function promptCard(p: PromptMessage): Record<string, unknown> {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    ...adaptiveCard([
      richText([run(p.programmeTitle, { isSubtle: true, size: 'Small' })]),
      richText([run(p.heading, { size: 'Large', weight: 'Bolder' })]),
      { type: 'TextBlock', text: p.text, wrap: true },
      ...(p.link ? [richText([linkRun(p.link.label, p.link.url)])] : []),
      {
        type: 'Container',
        style: 'emphasis',
        bleed: true,
        spacing: 'Medium',
        items: [richText([run(p.challengeLabel, { weight: 'Bolder' })]), { type: 'TextBlock', text: p.challenge, wrap: true }],
      },
      { type: 'TextBlock', text: p.invite, wrap: true, spacing: 'Medium' },
      richText([run(p.footer, { isSubtle: true, size: 'Small' })], { spacing: 'Medium' }),
    ]),
  };
}

/** A message carrying one card, with `summary` as its notification line. */
export function cardActivity(summary: string, card: Record<string, unknown>): TeamsMessage {
  return { type: 'message', summary, attachments: [{ contentType: ADAPTIVE_CARD, content: card }] };
}

export function promptActivity(p: PromptMessage): TeamsMessage {
  return cardActivity(p.heading, promptCard(p));
}

/** Whether Teams takes this activity: its JSON within the body limit as UTF-16, room left for the envelope. */
export function fitsTeams(activity: TeamsMessage): boolean {
  return utf16Bytes(JSON.stringify(activity)) <= TEAMS_LIMITS.bodyUtf16Bytes - ENVELOPE_BYTES;
}
