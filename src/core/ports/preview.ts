import type { PromptMessage } from './messages';
import type { SummaryMessage } from './summary';

/** A message shown before it is sent (`wolbot preview`, the page): a day's prompt, or a digest, kick-off or wrap-up. */
export type PreviewMessage = { kind: 'prompt'; prompt: PromptMessage } | { kind: 'summary'; summary: SummaryMessage };

/**
 * The text of a platform's message body (Block Kit blocks, an Adaptive Card) in reading order: every
 * string under one of `keys`, one line each — what a reader sees, in the platform's own markup.
 */
export function textLinesOf(body: unknown, keys: readonly string[] = ['text', 'title']): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && keys.includes(k)) out.push(x);
      else walk(x);
    }
  };
  walk(body);
  return out;
}
