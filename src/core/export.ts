import type { Platform } from './ports/platform';
import type { Ledger, People, Replies, ReplyRecord } from './ports/store';

/** What an export reads: the ledger's posts, their replies and reactions, people's names. */
export type ExportStore = Ledger & Replies & People;
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

/** Replies read from the store at once while exporting: memory stays flat for a thread of any size (500 measured faster and leaner than 2,000: less garbage outlives a page). */
export const EXPORT_PAGE = 500;
/**
 * Characters of reply text a page may hold: rows alone do not bound it (500 replies of 40,000
 * characters are 20 M characters). The first page reads a few rows; each next page as many as fit
 * at the sizes seen so far, up to EXPORT_PAGE.
 */
export const EXPORT_PAGE_CHARS = 1_000_000;
const FIRST_PAGE = 25;

/** One post's fields, and its replies a page at a time (`post.replies` is empty; the pages hold them). */
export interface ExportPostPages {
  post: ExportPost;
  /** How many replies the pages will hold, counted by the store first (with `counted`): a report's headings say it before they come. */
  shares?: number;
  pages: AsyncIterable<ExportReply[]>;
}

export interface ExportOptions {
  day?: number;
  runs?: string[];
  includeExternal?: boolean;
  /** Replies read at once (default EXPORT_PAGE). */
  pageSize?: number;
  /** Count each post's replies before its pages are read (`shares`; one store query for every post). */
  counted?: boolean;
  /** Only the posts of these channels (a signed-in person's scope); default every channel. */
  channels?: (c: { platform: Platform; channelId: string }) => boolean;
}

/**
 * The collected threads of some runs (default: each programme's current one) in the contract's
 * export shape; deleted and forgotten replies left out.
 */
export async function buildExport(settings: WolSettings, store: ExportStore, opts: ExportOptions = {}): Promise<{ posts: ExportPost[] }> {
  const posts: ExportPost[] = [];
  for await (const { post, pages } of streamExport(settings, store, opts)) {
    for await (const page of pages) post.replies.push(...page);
    posts.push(post);
  }
  return { posts };
}

/**
 * The same export one post, and within it one page of replies, at a time (read by keyset), so an
 * export of 100,000 replies never holds them all. A post's pages are read when asked for: posts
 * may be taken ahead of them (the Markdown report takes every post first, then their pages).
 */
export async function* streamExport(settings: WolSettings, store: ExportStore, opts: ExportOptions = {}): AsyncGenerator<ExportPostPages, void, undefined> {
  const runs = new Set(opts.runs ?? currentRuns(settings));
  // A circle companion gathers nothing: it has no posts to export and none for the gallery.
  const programmeOf = (run: string) => (programmeOfRun(settings, run) ?? settings).programme;
  const sent = (await store.listDeliveries({ kinds: ['prompt'], day: opts.day, states: ['sent'] }))
    .filter((r) => runs.has(r.run) && gathers(programmeOf(r.run)) && r.threadId && r.postedAt && (!opts.channels || opts.channels(r)))
    .sort((a, b) => a.day - b.day || a.postedAt!.getTime() - b.postedAt!.getTime());
  // Names come from the store only: an export never calls a platform. Kept across posts (people, not replies).
  const names = new Map<string, string | null>();
  const pageSize = opts.pageSize ?? EXPORT_PAGE;
  const shares = opts.counted ? await countShares(store, sent.map((r) => r.id), opts.includeExternal !== false) : undefined;
  for (const rec of sent) {
    const counts = await store.reactionCounts(rec.platform, rec.channelId, [rec.threadId!]);
    const post: ExportPost = {
      platform: rec.platform,
      channel: rec.channelId,
      day: rec.day,
      theme: promptForDay(programmeOf(rec.run), rec.day)?.theme ?? `Day ${rec.day}`,
      programme: rec.programme,
      run: rec.run,
      postedAt: rec.postedAt!.toISOString(),
      thread: rec.threadId!,
      reactions: counts.get(rec.threadId!) ?? 0,
      replies: [],
    };
    async function* pages(): AsyncGenerator<ExportReply[], void, undefined> {
      let after: ReplyRecord | undefined;
      let limit = Math.min(pageSize, FIRST_PAGE);
      for (;;) {
        const page = await store.listReplies({ deliveryIds: [rec.id], after, limit });
        if (page.length === 0) return;
        after = page[page.length - 1];
        const asked = limit;
        limit = nextPageRows(page, pageSize);
        const mine = page.filter((r) => r.text !== null && (opts.includeExternal !== false || !r.external));
        const unknown = [...new Set(mine.map((r) => r.user).filter((u) => !names.has(`${rec.platform}:${u}`)))];
        if (unknown.length) {
          const known = await store.getNames(rec.platform, unknown);
          for (const u of unknown) names.set(`${rec.platform}:${u}`, known.get(u)?.name ?? null);
        }
        const replyCounts = await store.reactionCounts(rec.platform, rec.channelId, mine.map((r) => r.messageId));
        yield mine.map((r) => {
          const name = names.get(`${r.platform}:${r.user}`);
          return {
            id: r.messageId,
            user: r.user,
            ...(name != null ? { name } : {}),
            text: r.text!,
            at: r.at.toISOString(),
            reactions: replyCounts.get(r.messageId) ?? 0,
            ...(r.editedAt ? { editedAt: r.editedAt.toISOString() } : {}),
            ...(r.files.length ? { files: r.files } : {}),
            ...(r.links.length ? { links: r.links } : {}),
            ...(r.external ? { external: true } : {}),
          };
        });
        if (page.length < asked) return;
      }
    }
    yield { post, ...(shares ? { shares: shares.get(rec.id) ?? 0 } : {}), pages: pages() };
  }
}

/** As many rows as EXPORT_PAGE_CHARS holds at this page's average text length (1 to `max`). */
function nextPageRows(page: ReplyRecord[], max: number): number {
  const chars = page.reduce((n, r) => n + (r.text?.length ?? 0), 0);
  const average = Math.max(1, chars / page.length);
  return Math.max(1, Math.min(max, Math.floor(EXPORT_PAGE_CHARS / average)));
}

/** Live replies per prompt thread, counted by the store (external ones only when they are exported). */
async function countShares(store: ExportStore, deliveryIds: string[], external: boolean): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of await store.replyTallies(deliveryIds)) {
    if (external || !t.external) counts.set(t.deliveryId, (counts.get(t.deliveryId) ?? 0) + t.replies);
  }
  return counts;
}
