import type { ChannelTarget } from './platform';

/** What a prompt post carries; the adapter decides how it looks (Block Kit, Adaptive Card, …). */
export interface PromptMessage {
  /** Ledger id: adapters put it in message metadata so a post can be found again after a crash. */
  deliveryId: string;
  programme: string;
  programmeTitle: string;
  day: number;
  theme: string;
  text: string;
  challenge: string;
  /** Says that replies in the thread are gathered into the programme's gallery. */
  footer: string;
}

export interface DigestEntry {
  user: string;
  /** Raw user text; the adapter escapes it for its medium. */
  text: string;
  reactions: number;
}

/** The daily digest, posted in the day's thread. */
export interface DigestMessage {
  day: number;
  theme: string;
  replyCount: number;
  peopleCount: number;
  promptReactions: number;
  /** The most-reacted replies, best first. */
  highlights: DigestEntry[];
}

/** A private note to the organizers (a post that failed for good, …). */
export interface AdminNotice {
  text: string;
  /** The admins' platform user ids on that platform. */
  admins: string[];
  /** The channel concerned, so the adapter can find the workspace/team. */
  target: ChannelTarget;
}
