import { promptFrame } from './frame';
import type { PromptMessage } from './ports/messages';
import type { Programme, Prompt } from './programme';

export function promptMessage(programme: Programme, prompt: Prompt, deliveryId: string): PromptMessage {
  const frame = promptFrame(programme, prompt);
  return {
    deliveryId,
    programme: programme.id,
    programmeTitle: programme.title,
    day: prompt.day,
    theme: prompt.theme,
    text: prompt.text,
    challenge: prompt.challenge,
    footer: frame.footer,
    heading: frame.heading,
    challengeLabel: frame.challengeLabel,
    invite: frame.invite,
    ...(frame.link ? { link: frame.link } : {}),
  };
}
