import type { ExportPost, ExportPostPages, ExportReply } from './export';
import { toCsv } from './export-formats';
import { markdownReport, type ReportContext } from './export-markdown';
import type { WolSettings } from './settings';

export type ExportFormat = 'json' | 'csv' | 'md';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'md'];

/** Every day any programme has, in order (an export's `day` must be one of them). */
export const programmeDays = (s: WolSettings): number[] => [...new Set(s.programmes.flatMap((p) => p.programme.prompts.map((x) => x.day)))].sort((a, b) => a - b);

/** A format named by a caller (a flag, a query), checked. */
export const isExportFormat = (f: string): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f);

/**
 * Whole posts as chunks (JSON and CSV), byte for byte what the whole-string formats give — built
 * from them post by post, so a field added there is streamed here too.
 */
export function* exportChunks(posts: ExportPost[], format: 'json' | 'csv'): Generator<string, void, undefined> {
  if (format === 'json' && posts.length === 0) {
    yield '{\n  "posts": []\n}\n';
    return;
  }
  yield format === 'json' ? '{\n  "posts": [\n' : toCsv([]);
  for (let i = 0; i < posts.length; i++) {
    // Split on \n only: JSON keeps U+2028/U+2029 in strings as they are, and they are not line ends here.
    yield format === 'json' ? `${indent(JSON.stringify(posts[i], null, 2), 4)}${i < posts.length - 1 ? ',' : ''}\n` : csvRows(posts[i]!, posts[i]!.replies);
  }
  if (format === 'json') yield '  ]\n}\n';
}

/**
 * The same bytes from posts whose replies come a page at a time (`streamExport`; for Markdown with
 * `counted`): no format holds more than a page of replies. `compact` JSON is JSON.stringify's
 * without spaces (what the API always answered); otherwise two-space indented with a final newline.
 */
export async function* exportChunksFrom(source: AsyncIterable<ExportPostPages>, format: ExportFormat, title: string, report?: ReportContext, opts: { compact?: boolean } = {}): AsyncGenerator<string, void, undefined> {
  if (format === 'md') {
    yield* markdownReport(source, title, report);
    return;
  }
  if (format === 'csv') {
    yield toCsv([]);
    for await (const { post, pages } of source) for await (const page of pages) yield csvRows(post, page);
    return;
  }
  yield* opts.compact ? compactJson(source) : indentedJson(source);
}

async function* indentedJson(source: AsyncIterable<ExportPostPages>): AsyncGenerator<string, void, undefined> {
  let posts = 0;
  for await (const { post, pages } of source) {
    yield posts++ === 0 ? '{\n  "posts": [\n' : ',\n';
    // The post as JSON.stringify lays it out, its replies (the last key) written as they come.
    const head = indent(JSON.stringify({ ...post, replies: [] }, null, 2), 4).split('\n');
    const closing = head.splice(-2); // `      "replies": []` and `    }`
    yield `${head.join('\n')}\n`;
    let replies = 0;
    for await (const page of pages) {
      for (const r of page) yield `${replies++ === 0 ? '      "replies": [\n' : ',\n'}${indent(JSON.stringify(r, null, 2), 8)}`;
    }
    yield replies === 0 ? closing.join('\n') : `\n      ]\n${closing[1]}`;
  }
  yield posts === 0 ? '{\n  "posts": []\n}\n' : '\n  ]\n}\n';
}

/** `JSON.stringify({ posts })` a post and a page at a time. */
async function* compactJson(source: AsyncIterable<ExportPostPages>): AsyncGenerator<string, void, undefined> {
  yield '{"posts":[';
  let posts = 0;
  for await (const { post, pages } of source) {
    // `…,"replies":[]}` with the replies (the last key) written between the brackets as they come.
    const head = JSON.stringify({ ...post, replies: [] });
    yield `${posts++ === 0 ? '' : ','}${head.slice(0, -2)}`;
    let replies = 0;
    for await (const page of pages) {
      if (page.length) yield `${replies === 0 ? '' : ','}${page.map((r) => JSON.stringify(r)).join(',')}`;
      replies += page.length;
    }
    yield ']}';
  }
  yield ']}';
}

function indent(json: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return json.split('\n').map((l) => `${pad}${l}`).join('\n');
}

/** A post's CSV rows for these replies, without the header line toCsv puts first. */
function csvRows(post: ExportPost, replies: ExportReply[]): string {
  const head = toCsv([]);
  return toCsv([{ ...post, replies }]).slice(head.length);
}
