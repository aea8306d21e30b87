import type { Platform } from './ports/platform';
import type { Store } from './ports/store';
import { gathers, promptForDay } from './programme';
import type { WolSettings } from './settings';
import { currentRuns, programmeOfRun } from './campaigns';

export interface ExportReply {
  /** The platform's id of the reply message (to react to it, to link it). */
  id: string;
  user: string;
  /** The person's display name, when the store knows it. */
  name?: string;
  text: string;
  at: string;
  reactions: number;
  editedAt?: string;
  files?: string[];
  links?: string[];
  external?: boolean;
}

export interface ExportPost {
  platform: Platform;
  channel: string;
  day: number;
  theme: string;
  programme: string;
  /** The run (programme@start) the post belongs to. */
  run: string;
  postedAt: string;
  thread: string;
  reactions: number;
  replies: ExportReply[];
}

/**
 * The collected threads of some runs (default: each programme's current one) in the contract's
 * export shape; deleted and forgotten replies left out.
 */
export async function buildExport(settings: WolSettings, store: Store, opts: { day?: number; runs?: string[]; includeExternal?: boolean } = {}): Promise<{ posts: ExportPost[] }> {
  const runs = new Set(opts.runs ?? currentRuns(settings));
  // A circle companion gathers nothing: it has no posts to export and none for the gallery.
  const programmeOf = (run: string) => (programmeOfRun(settings, run) ?? settings).programme;
  const sent = (await store.listDeliveries({ kinds: ['prompt'], day: opts.day, states: ['sent'] }))
    .filter((r) => runs.has(r.run) && gathers(programmeOf(r.run)) && r.threadId && r.postedAt)
    .sort((a, b) => a.day - b.day || a.postedAt!.getTime() - b.postedAt!.getTime());
  const replies = await store.listReplies({ deliveryIds: sent.map((r) => r.id) });
  // Names come from the store only: an export never calls a platform.
  const names = new Map<string, string>();
  for (const platform of new Set(replies.map((r) => r.platform))) {
    const known = await store.getNames(platform, replies.filter((r) => r.platform === platform).map((r) => r.user));
    for (const [user, n] of known) names.set(`${platform}:${user}`, n.name);
  }
  const posts: ExportPost[] = [];
  for (const rec of sent) {
    const mine = replies.filter((r) => r.deliveryId === rec.id && r.text !== null && (opts.includeExternal !== false || !r.external));
    const counts = await store.reactionCounts(rec.platform, rec.channelId, [rec.threadId!, ...mine.map((r) => r.messageId)]);
    posts.push({
      platform: rec.platform,
      channel: rec.channelId,
      day: rec.day,
      theme: promptForDay(programmeOf(rec.run), rec.day)?.theme ?? `Day ${rec.day}`,
      programme: rec.programme,
      run: rec.run,
      postedAt: rec.postedAt!.toISOString(),
      thread: rec.threadId!,
      reactions: counts.get(rec.threadId!) ?? 0,
      replies: mine.map((r) => ({
        id: r.messageId,
        user: r.user,
        ...(names.has(`${r.platform}:${r.user}`) ? { name: names.get(`${r.platform}:${r.user}`)! } : {}),
        text: r.text!,
        at: r.at.toISOString(),
        reactions: counts.get(r.messageId) ?? 0,
        ...(r.editedAt ? { editedAt: r.editedAt.toISOString() } : {}),
        ...(r.files.length ? { files: r.files } : {}),
        ...(r.links.length ? { links: r.links } : {}),
        ...(r.external ? { external: true } : {}),
      })),
    });
  }
  return { posts };
}
