import type { PromptMessage } from '../../src/core/ports/messages';
import { clipText, codePoints } from '../../src/core/ports/text-fit';
import { SLACK_LIMITS } from './limits';
import { escapeSlack, linkTarget } from './text';

export { linkTarget };

export const PROMPT_EVENT_TYPE = 'wol_prompt';

/** `s` cut by grapheme to fit `max` characters once escaped (a cut never splits an entity), then escaped. */
function clipEscaped(s: string, max: number): string {
  return escapeSlack(clipText(s, max, (t) => codePoints(escapeSlack(t))));
}

export function promptHeader(p: Pick<PromptMessage, 'heading'>): string {
  return clipText(p.heading, SLACK_LIMITS.headerChars);
}

/** The arguments of chat.postMessage for a prompt (channel added by the caller). */
export function promptMessage(p: PromptMessage) {
  const SECTION = SLACK_LIMITS.sectionChars;
  const header = promptHeader(p);
  const text = clipEscaped(p.text, SECTION);
  const label = escapeSlack(p.challengeLabel);
  const challenge = clipEscaped(p.challenge, SECTION - codePoints(label) - 3);
  const link = p.link ? `<${linkTarget(p.link.url)}|${clipEscaped(p.link.label, SLACK_LIMITS.headerChars)}>` : '';
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text } },
  ];
  if (link) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: link } });
  const invite = clipEscaped(p.invite, SECTION / 2);
  blocks.push(
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: `*${label}*\n${challenge}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${invite} ${clipEscaped(p.footer, SECTION - codePoints(invite) - 1)}` }] },
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
