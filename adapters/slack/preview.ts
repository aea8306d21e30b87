import type { PreviewMessage } from '../../src/core/ports/preview';
import { textLinesOf } from '../../src/core/ports/preview';
import { promptMessage } from './blocks';
import { summaryMessage } from './summary-blocks';

/** A message's Block Kit text as Slack gets it (mrkdwn, escaped), one block a paragraph. */
export function slackPreview(m: PreviewMessage): string {
  const body = m.kind === 'prompt' ? promptMessage(m.prompt) : summaryMessage(m.summary);
  return textLinesOf(body.blocks, ['text']).join('\n\n');
}
