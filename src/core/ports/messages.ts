import type { ChannelTarget } from './platform';
import type { SummaryMessage } from './summary';

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

/** The daily digest, posted in the day's thread: it thanks the day's sharers by name. */
export interface DigestMessage extends SummaryMessage {
  kind: 'digest';
  day: number;
  theme: string;
  /** Display names of everyone who shared, in the order they first shared. */
  sharers: string[];
  /** How many replies were shared. */
  shares: number;
}

/** A post on its own in the channel: the kick-off before day 1, the wrap-up after the last day. */
export interface AnnouncementMessage extends SummaryMessage {
  kind: 'kickoff' | 'wrapup';
}

/**
 * An introduction of two people whose shares overlap, or the welcome of a new circle: posted in a
 * conversation of its own with those people (see ChatAdapter.openGroup). People by name, no pings.
 */
export interface GroupMessage extends SummaryMessage {
  kind: 'introduction' | 'circle';
  /** Display names by user id of everyone it is for (Teams names the others in each 1:1). */
  people: { userId: string; name: string }[];
}

/** A private note to the organizers (a post that failed for good, …). */
export interface AdminNotice {
  text: string;
  /** The admins' platform user ids on that platform. */
  admins: string[];
  /** The channel concerned, so the adapter can find the workspace/team. */
  target: ChannelTarget;
}
