// The sandbox's messages, read once a page at a time and then polled for what is new only (the
// server's `next` cursor), instead of every message every 2 s. Replies can also go (forget me,
// retention), which a cursor does not show: the whole list is read again now and then, and after
// anything the page itself did.
import { api } from './api.js';
import type { LocalMessage, LocalMessages } from './types.js';

interface LocalPage extends LocalMessages {
  next: string | null;
  more: boolean;
}

/** Polls between two full reads (at 2 s a poll: about a minute). */
const FULL_EVERY = 30;

let held: LocalMessage[] = [];
let cursor: string | null = null;
let polls = 0;

/** Read everything again on the next call (after a write or command of the page's own). */
export function resetLocalFeed(): void {
  held = [];
  cursor = null;
}

/** Every sandbox message, oldest first: the new ones fetched, the rest as held. */
export async function localMessages(): Promise<LocalMessages> {
  if (++polls % FULL_EVERY === 0) resetLocalFeed();
  let messages = cursor === null ? [] : held;
  let after = cursor;
  for (;;) {
    const page = await api<LocalPage>(`/v1/local/messages${after ? `?after=${encodeURIComponent(after)}` : ''}`);
    if (page.messages.length) messages = [...messages, ...page.messages];
    after = page.next ?? after;
    if (!page.more) break;
  }
  held = messages;
  cursor = after;
  return { messages };
}
