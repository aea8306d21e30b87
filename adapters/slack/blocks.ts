import type { PromptMessage } from '../../src/core/ports/messages';
import { escapeSlack } from './text';

export const PROMPT_EVENT_TYPE = 'wol_prompt';
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function promptHeader(p: Pick<PromptMessage, 'heading'>): string {
  return clip(p.heading, HEADER_MAX);
}

/** A URL inside Slack's `<url|label>`: what would end it is percent-encoded, `&` is Slack-escaped. */
export function linkTarget(url: string): string {
  return url.replace(/[|<>\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
}

/** The arguments of chat.postMessage for a prompt (channel added by the caller). */
export function promptMessage(p: PromptMessage) {
  const header = promptHeader(p);
  const text = escapeSlack(p.text);
  const challenge = escapeSlack(p.challenge);
  const footer = escapeSlack(p.footer);
  const label = escapeSlack(p.challengeLabel);
  const link = p.link ? `<${linkTarget(p.link.url)}|${escapeSlack(p.link.label)}>` : '';
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) } },
  ];
  if (link) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(link, SECTION_MAX) } });
  blocks.push(
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`*${label}*\n${challenge}`, SECTION_MAX) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: clip(p.invite ? `${escapeSlack(p.invite)} ${footer}` : footer, SECTION_MAX) }] },
  );
  return {
    // Plain fallback: notifications, screen readers, clients without Block Kit.
    text: `${escapeSlack(header)}\n${text}${link ? `\n${link}` : ''}\n${label}: ${challenge}`,
    blocks,
    metadata: {
      event_type: PROMPT_EVENT_TYPE,
      event_payload: { delivery_id: p.deliveryId, programme: p.programme, day: p.day },
    },
    unfurl_links: false,
    unfurl_media: false,
  };
}
