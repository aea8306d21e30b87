import type { ChannelTarget } from './platform';

/**
 * What a prompt post carries; the adapter decides how it looks (Block Kit, Adaptive Card, …).
 * Every frame word is already rendered in the programme's language: adapters know no languages.
 */
export interface PromptMessage {
  /** Ledger id: adapters put it in message metadata so a post can be found again after a crash. */
  deliveryId: string;
  programme: string;
  programmeTitle: string;
  day: number;
  theme: string;
  text: string;
  challenge: string;
  /** Says whether replies in the thread are gathered into the programme's gallery. */
  footer: string;
  /** "Day 3 · Sharing", "Week 2 · …": the header line. */
  heading: string;
  /** "Today's challenge" / "This week's challenge", shown before the challenge. */
  challengeLabel: string;
  /** The one sentence that invites a reply in the thread. */
  invite: string;
  /** A URL shown with the prompt, and the words of its link. */
  link?: { url: string; label: string };
}

export interface DigestEntry {
  user: string;
  /** Raw user text; the adapter escapes it for its medium. */
  text: string;
  reactions: number;
  /** "3 reactions", in the programme's language. */
  reactionsText: string;
}

/** The daily digest, posted in the day's thread; its words are rendered by the core. */
export interface DigestMessage {
  day: number;
  theme: string;
  /** "Day 3 · Sharing — the day so far". */
  title: string;
  /** "4 replies from 3 people, 2 reactions on the prompt." */
  summary: string;
  /** Labels for a fact list and the highlights. */
  labels: { replies: string; people: string; promptReactions: string; highlights: string };
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
