import type { ExportPost, ExportPostPages, ExportReply } from './export';
import { toCsv, toMarkdown, type ReportContext } from './export-formats';

/** How much of a single string is handed to a stream at once. */
const SLICE = 64 * 1024;

type Format = 'json' | 'csv' | 'md';

/**
 * An export as chunks, for writing to a pipe with back-pressure. Byte for byte what the whole-string
 * formats give — built from them post by post, so a field added there is streamed here too.
 */
export function* exportChunks(posts: ExportPost[], format: Format, title: string, report?: ReportContext): Generator<string, void, undefined> {
  if (format === 'md') {
    yield* markdownChunks(posts, title, report);
    return;
  }
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
 * The same bytes from posts whose replies come a page at a time (`streamExport`): JSON and CSV
 * never hold more than a page; Markdown (a report with figures over everything) is built whole.
 */
export async function* exportChunksFrom(source: AsyncIterable<ExportPostPages>, format: Format, title: string, report?: ReportContext): AsyncGenerator<string, void, undefined> {
  if (format === 'md') {
    const posts: ExportPost[] = [];
    for await (const { post, pages } of source) {
      for await (const page of pages) post.replies.push(...page);
      posts.push(post);
    }
    yield* markdownChunks(posts, title, report);
    return;
  }
  if (format === 'csv') {
    yield toCsv([]);
    for await (const { post, pages } of source) for await (const page of pages) yield csvRows(post, page);
    return;
  }
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

function indent(json: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return json.split('\n').map((l) => `${pad}${l}`).join('\n');
}

/** A post's CSV rows for these replies, without the header line toCsv puts first. */
function csvRows(post: ExportPost, replies: ExportReply[]): string {
  const head = toCsv([]);
  return toCsv([{ ...post, replies }]).slice(head.length);
}

function* markdownChunks(posts: ExportPost[], title: string, report?: ReportContext): Generator<string, void, undefined> {
  const md = toMarkdown(posts, title, report);
  const text = md.endsWith('\n') ? md : `${md}\n`;
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}
