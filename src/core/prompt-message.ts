import type { PromptMessage } from './ports/messages';
import type { Programme, Prompt } from './programme';

export function promptMessage(programme: Programme, prompt: Prompt, deliveryId: string): PromptMessage {
  return {
    deliveryId,
    programme: programme.id,
    programmeTitle: programme.title,
    day: prompt.day,
    theme: prompt.theme,
    text: prompt.text,
    challenge: prompt.challenge,
    footer: programme.footer,
  };
}
