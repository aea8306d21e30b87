import type { Platform } from '../ports/platform';
import type { ChannelRecord, Channels, Ledger, Replies, ReplyRecord } from '../ports/store';

/** One live share of a run, with the day it answers and the channel it was written in. */
export interface RunShare {
  reply: ReplyRecord & { text: string };
  day: number;
  threadId: string;
  channel: ChannelRecord | null;
  /** The workspace (Slack team, Teams tenant) of its channel; null when the store does not know it. */
  workspaceId: string | null;
}

/** `platform:user` — who someone is for introductions and circles. */
export const personOf = (platform: Platform, userId: string): string => `${platform}:${userId}`;

/** Every live share of a run (deleted and forgotten ones are gone), oldest first. */
export async function runShares(store: Channels & Ledger & Replies, run: string, opts: { day?: number } = {}): Promise<RunShare[]> {
  const prompts = (await store.listDeliveries({ run, kinds: ['prompt'], states: ['sent'], day: opts.day })).filter((r) => r.threadId);
  if (prompts.length === 0) return [];
  const byId = new Map(prompts.map((p) => [p.id, p]));
  const channels = new Map((await store.listChannels()).map((c) => [`${c.platform}:${c.channelId}`, c]));
  const out: RunShare[] = [];
  for (const r of await store.listReplies({ deliveryIds: [...byId.keys()] })) {
    if (r.text === null || !r.text.trim()) continue;
    const p = byId.get(r.deliveryId)!;
    const channel = channels.get(`${r.platform}:${r.channelId}`) ?? null;
    out.push({ reply: { ...r, text: r.text }, day: p.day, threadId: p.threadId!, channel, workspaceId: channel?.workspaceId ?? null });
  }
  return out;
}

/**
 * Shares by person within each workspace of a platform, for the people in `who` only. Someone who
 * wrote from another organisation (a Slack Connect external reply) is left out altogether.
 */
export function sharesByWorkspace(shares: RunShare[], who: (s: RunShare) => boolean): Map<string, Map<string, RunShare[]>> {
  const external = new Set(shares.filter((s) => s.reply.external).map((s) => personOf(s.reply.platform, s.reply.user)));
  const out = new Map<string, Map<string, RunShare[]>>();
  for (const s of shares) {
    const person = personOf(s.reply.platform, s.reply.user);
    if (external.has(person) || !who(s)) continue;
    const space = `${s.reply.platform}\u0000${s.workspaceId ?? ''}`;
    const people = out.get(space) ?? new Map<string, RunShare[]>();
    people.set(person, [...(people.get(person) ?? []), s]);
    out.set(space, people);
  }
  return out;
}
