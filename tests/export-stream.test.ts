import { exportChunks, exportChunksFrom } from '../src/core/export-stream';
import type { ExportPost, ExportPostPages } from '../src/core/export';
import { toCsv } from '../src/core/export-formats';
import { markdownBefore } from './helpers/markdown-before';

const post = (channel: string, texts: string[], day = 2): ExportPost => ({
  platform: 'slack', channel, day, theme: 'Sharing', programme: 'wol-week', run: 'wol-week@2026-11-16', postedAt: `2026-11-1${day + 5}T09:00:00.000Z`, thread: '1763370000.000100', reactions: 1,
  replies: texts.map((text, i) => ({ id: `m${i}`, user: `U${i}`, name: `Person ${i}`, text, at: '2026-11-17T10:00:00.000Z', reactions: 0 })),
});

describe('streamed export', () => {
  const posts = [post('C1', ['line\nbreak', 'sep\u2028arator "q" =1']), post('C2', []), post('C3', ['ünïcode ✍️']), post('C1', ['first *day*'], 1), post('C1', ['again'])];

  test.each([[[]], [posts]])('whole posts: byte for byte the whole-string export in JSON and CSV (%#)', (ps: ExportPost[]) => {
    expect([...exportChunks(ps, 'json')].join('')).toBe(`${JSON.stringify({ posts: ps }, null, 2)}\n`);
    expect([...exportChunks(ps, 'csv')].join('')).toBe(toCsv(ps));
  });

  /** The posts as `streamExport` hands them: fields and count first, replies in pages of `size` (an empty page too). */
  async function* paged(ps: ExportPost[], size: number): AsyncGenerator<ExportPostPages> {
    for (const p of ps) {
      const replies = p.replies;
      async function* pages() {
        for (let i = 0; i < replies.length; i += size) yield replies.slice(i, i + size);
        yield [];
      }
      yield { post: { ...p, replies: [] }, shares: replies.length, pages: pages() };
    }
  }
  const join = async (it: AsyncIterable<string>) => {
    let s = '';
    for await (const c of it) s += c;
    return s;
  };

  test.each([[[], 1], [posts, 1], [posts, 2]])('read a page of replies at a time, is byte for byte the whole-string export (%#)', async (ps: ExportPost[], size: number) => {
    expect(await join(exportChunksFrom(paged(ps, size), 'json', 'T'))).toBe(`${JSON.stringify({ posts: ps }, null, 2)}\n`);
    expect(await join(exportChunksFrom(paged(ps, size), 'json', 'T', undefined, { compact: true }))).toBe(JSON.stringify({ posts: ps }));
    expect(await join(exportChunksFrom(paged(ps, size), 'csv', 'T'))).toBe(toCsv(ps));
    // The report as the whole-string builder made it before it was streamed.
    expect(await join(exportChunksFrom(paged(ps, size), 'md', 'T'))).toBe(markdownBefore(ps, 'T'));
  });

  test('the report needs each post\'s count of shares before its replies', async () => {
    const uncounted = (async function* () {
      for await (const p of paged(posts, 2)) yield { post: p.post, pages: p.pages };
    })();
    await expect(join(exportChunksFrom(uncounted, 'md', 'T'))).rejects.toThrow(/count of shares/);
  });

  test('comes in pieces, one post at a time', () => {
    expect([...exportChunks(posts, 'json')].length).toBe(posts.length + 2);
  });
});
