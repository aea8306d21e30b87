import type { PreviewMessage } from '../../src/core/ports/preview';
import { textLinesOf } from '../../src/core/ports/preview';
import { promptActivity } from './card';
import { summaryActivity } from './summary-card';

/** A message's Adaptive Card text as Teams gets it (its markdown subset), one element a paragraph. */
export function teamsPreview(m: PreviewMessage): string {
  const activity = m.kind === 'prompt' ? promptActivity(m.prompt) : summaryActivity(m.summary);
  return textLinesOf(activity.attachments?.map((a) => a.content) ?? [], ['text', 'title']).join('\n\n');
}
