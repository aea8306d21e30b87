import type { ExportPost } from './export';
import { toCsv, toMarkdown, type ReportContext } from './export-formats';

/** How much of a single string is handed to a stream at once. */
const SLICE = 64 * 1024;

/**
 * An export as chunks, for writing to a pipe with back-pressure. Byte for byte what the whole-string
 * formats give — built from them post by post, so a field added there is streamed here too.
 */
export function* exportChunks(posts: ExportPost[], format: 'json' | 'csv' | 'md', title: string, report?: ReportContext): Generator<string, void, undefined> {
  if (format === 'json') {
    // = JSON.stringify({ posts }, null, 2) + '\n', one post at a time.
    if (posts.length === 0) {
      yield '{\n  "posts": []\n}\n';
      return;
    }
    yield '{\n  "posts": [\n';
    for (let i = 0; i < posts.length; i++) {
      // Split on \n only: JSON keeps U+2028/U+2029 in strings as they are, and they are not line ends here.
      const lines = JSON.stringify(posts[i], null, 2).split('\n').map((l) => `    ${l}`).join('\n');
      yield `${lines}${i < posts.length - 1 ? ',' : ''}\n`;
    }
    yield '  ]\n}\n';
    return;
  }
  if (format === 'csv') {
    // Each post's rows without the header line toCsv puts first.
    const head = toCsv([]);
    yield head;
    for (const p of posts) yield toCsv([p]).slice(head.length);
    return;
  }
  const md = toMarkdown(posts, title, report);
  const text = md.endsWith('\n') ? md : `${md}\n`;
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}
