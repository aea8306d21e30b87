/** What a sandbox message is: one of the bot's posts, or a person's reply. */
export type LocalMessageKind = 'prompt' | 'digest' | 'kickoff' | 'wrapup' | 'notice' | 'reply' | 'introduction' | 'circle';

/**
 * The sandbox's own messages: its "chat" lives in the store, so a post made by the CLI shows on
 * the running server's page. A port this adapter owns; src/store implements it.
 */
export interface LocalMessage {
  id: string;
  channelId: string;
  /** null for a top-level message; else the id of the message it answers. */
  threadId: string | null;
  user: string;
  kind: LocalMessageKind;
  /** JSON-serialisable body (the prompt or digest as posted). */
  body: unknown;
  at: Date;
}

export interface SandboxMessages {
  addLocalMessage(m: LocalMessage): Promise<void>;
  /** Replace a message's body (the bot's own digests and wrap-ups, after `forget me`); false when there is none. */
  updateLocalMessage(id: string, body: unknown): Promise<boolean>;
  /** In time order; one channel's when given. */
  listLocalMessages(channelId?: string): Promise<LocalMessage[]>;
  /** Up to `limit` messages in time order, those after `after` (the last one of a previous page) only. */
  pageLocalMessages(q: { channelId?: string; after?: { at: Date; id: string }; limit: number }): Promise<LocalMessage[]>;
  /** The characters a channel's message bodies hold, as stored (the sandbox caps it). */
  localMessageChars(channelId: string): Promise<number>;
}

// The store handed to platforms keeps these messages (see PlatformStore).
declare module '../../src/core/ports/platform-descriptor' {
  interface PlatformStore extends SandboxMessages {}
}
