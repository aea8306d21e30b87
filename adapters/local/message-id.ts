import { randomUUID } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * A sandbox message id that sorts in the order messages were made (real time, then a counter, then
 * a random tail against other processes): the page's cursor is (time, id), and messages made in
 * the same millisecond of the bot's clock — every one, under a test's fixed clock — must still
 * come after the cursor that was handed out before them.
 */
export function localMessageId(): string {
  const now = Date.now();
  seq = now === lastMs ? seq + 1 : 0;
  lastMs = now;
  return `L${now.toString(36).padStart(9, '0')}${seq.toString(36).padStart(4, '0')}${randomUUID().slice(0, 8)}`;
}
