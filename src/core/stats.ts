import { channelLabel } from './channels';
import type { Platform } from './ports/platform';
import type { Channels, Connections, Ledger, Replies, ReplyTally } from './ports/store';
import type { WolSettings } from './settings';
import { currentRun } from './runs';
import { asRun, programmeOfRun } from './campaigns';

/** The sponsor's figures for one run (GET /v1/stats, and the wrap-up report). */
export interface RunStats {
  run: { programme: string; start: string } | null;
  /** Distinct people who shared in the run. */
  people: number;
  /** People who shared on two or more days of the run. */
  returning: number;
  /** People whose first share ever (any run) is in this run. */
  firstTime: number;
  shares: number;
  days: { day: number; theme: string; shares: number; people: number }[];
  channels: { platform: Platform; channel: string; name: string; shares: number; people: number }[];
  /** Introductions made in the run (sent; never who). */
  introductions: number;
  /** Circles formed in the run (opened; never who). */
  circles: number;
}

/** A prompt thread of the run: the day it belongs to and where it was posted. */
export interface StatsThread {
  deliveryId: string;
  day: number;
  platform: Platform;
  channelId: string;
}

export interface StatsInput {
  run: RunStats['run'];
  days: { day: number; theme: string }[];
  threads: StatsThread[];
  /** Channel display names by `platform:id` (the label is used when absent). */
  channelNames: Map<string, string | null>;
  /** Each person's live shares per thread (deleted and forgotten ones left out), and where their first share ever is. */
  tallies: ReplyTally[];
  /** Introductions made and circles formed in the run (counted by the caller; 0 when absent). */
  introductions?: number;
  circles?: number;
}

/** A person is a user id on one platform: the same id on two platforms is two people. */
export function personKey(s: { platform: Platform; user: string }): string {
  return `${s.platform}:${s.user}`;
}

/** Pure: the figures from the run's threads and shares. */
export function computeStats(input: StatsInput): RunStats {
  const threads = new Map(input.threads.map((t) => [t.deliveryId, t]));
  const mine = input.tallies.filter((s) => threads.has(s.deliveryId));
  const firstTimers = new Set<string>();
  const daysOf = new Map<string, Set<number>>();
  const perDay = new Map<number, { shares: number; people: Set<string> }>();
  const perChannel = new Map<string, { platform: Platform; channel: string; shares: number; people: Set<string> }>();
  for (const t of input.threads) {
    const label = channelLabel(t);
    if (!perChannel.has(label)) perChannel.set(label, { platform: t.platform, channel: t.channelId, shares: 0, people: new Set() });
  }
  for (const s of mine) {
    const t = threads.get(s.deliveryId)!;
    const who = personKey(s);
    if (!daysOf.has(who)) daysOf.set(who, new Set());
    daysOf.get(who)!.add(t.day);
    const d = perDay.get(t.day) ?? { shares: 0, people: new Set<string>() };
    d.shares += s.replies;
    d.people.add(who);
    perDay.set(t.day, d);
    const c = perChannel.get(channelLabel(t))!;
    c.shares += s.replies;
    c.people.add(who);
    if (s.firstEver) firstTimers.add(who);
  }
  const people = [...daysOf.keys()];
  return {
    run: input.run,
    people: people.length,
    returning: people.filter((p) => daysOf.get(p)!.size >= 2).length,
    firstTime: firstTimers.size,
    shares: mine.reduce((sum, s) => sum + s.replies, 0),
    days: [...input.days].sort((a, b) => a.day - b.day).map((d) => ({ day: d.day, theme: d.theme, shares: perDay.get(d.day)?.shares ?? 0, people: perDay.get(d.day)?.people.size ?? 0 })),
    channels: [...perChannel.entries()]
      .map(([label, c]) => ({ platform: c.platform, channel: c.channel, name: input.channelNames.get(label) ?? label, shares: c.shares, people: c.people.size }))
      .sort((a, b) => b.shares - a.shares || a.name.localeCompare(b.name)),
    introductions: input.introductions ?? 0,
    circles: input.circles ?? 0,
  };
}

/** Reads one run's threads (default: the current run) and their tallies, then computes. */
export async function buildStats(settings: WolSettings, store: Channels & Ledger & Replies & Connections, opts: { run?: string; channels?: (c: { platform: Platform; channelId: string }) => boolean } = {}): Promise<RunStats> {
  const run = opts.run ?? currentRun(settings);
  const p = asRun(programmeOfRun(settings, run) ?? settings, run);
  const sent = await store.listDeliveries({ run, kinds: ['prompt'], states: ['sent'] });
  const threads: StatsThread[] = sent
    .filter((r) => r.threadId && (!opts.channels || opts.channels(r)))
    .map((r) => ({ deliveryId: r.id, day: r.day, platform: r.platform, channelId: r.channelId }));
  // Counted by the store: the run's replies are never read here (a person's first share ever decides "first time").
  const tallies = await store.replyTallies(threads.map((t) => t.deliveryId), { firstEver: true });
  const channelNames = new Map((await store.listChannels()).map((c) => [channelLabel(c), c.name]));
  const introductions = (await store.listIntroductions(run)).filter((i) => i.state === 'sent').length;
  const circles = (await store.listCircles(run)).filter((c) => c.state === 'sent').length;
  return computeStats({
    run: { programme: p.programme.id, start: p.start },
    days: p.programme.prompts.map((x) => ({ day: x.day, theme: x.theme })),
    threads,
    channelNames,
    tallies,
    introductions,
    circles,
  });
}
