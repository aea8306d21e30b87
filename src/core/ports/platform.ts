/**
 * A chat platform's name, as its descriptor gives it (adapters/<name>/platform.ts). A plain string:
 * the one list of platforms (src/platforms.ts) says which names exist, and config checks against it.
 */
export type Platform = string;

/** A channel as the core knows it: the platform's id plus an opaque adapter reference. */
export interface ChannelTarget {
  platform: Platform;
  /** The platform's channel id, without the `platform:` prefix. */
  channelId: string;
  /** Slack team id / Teams tenant id, when the adapter knows it. */
  workspaceId?: string | null;
  /** A group of channels installed as one inside the workspace (a Teams team); null on Slack. */
  groupId?: string | null;
  /** Whatever the adapter saved to reach the channel later (e.g. a Teams conversation reference). */
  reference?: unknown;
}

/**
 * Where a prompt landed. `id` is the platform's thread id (Slack `ts`, Teams conversation id with
 * `;messageid=`); the core stores and compares it but never interprets it.
 */
export interface ThreadRef {
  platform: Platform;
  channelId: string;
  id: string;
}
