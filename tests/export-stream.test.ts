import { exportChunks, exportChunksFrom } from '../src/core/export-stream';
import type { ExportPost, ExportPostPages } from '../src/core/export';
import { toCsv, toMarkdown } from '../src/core/export-formats';

const post = (channel: string, texts: string[]): ExportPost => ({
  platform: 'slack', channel, day: 2, theme: 'Sharing', programme: 'wol-week', run: 'wol-week@2026-11-16', postedAt: '2026-11-17T09:00:00.000Z', thread: '1763370000.000100', reactions: 1,
  replies: texts.map((text, i) => ({ id: `m${i}`, user: `U${i}`, name: `Person ${i}`, text, at: '2026-11-17T10:00:00.000Z', reactions: 0 })),
});

describe('streamed export', () => {
  const posts = [post('C1', ['line\nbreak', 'sep\u2028arator "q" =1']), post('C2', []), post('C3', ['ünïcode ✍️'])];

  test.each([[[]], [posts]])('is byte for byte the whole-string export in each format (%#)', (ps: ExportPost[]) => {
    expect([...exportChunks(ps, 'json', 'T')].join('')).toBe(`${JSON.stringify({ posts: ps }, null, 2)}\n`);
    expect([...exportChunks(ps, 'csv', 'T')].join('')).toBe(toCsv(ps));
    const md = toMarkdown(ps, 'T');
    expect([...exportChunks(ps, 'md', 'T')].join('')).toBe(md.endsWith('\n') ? md : `${md}\n`);
  });

  /** The posts as `streamExport` hands them: fields first, replies in pages of `size` (an empty page too). */
  async function* paged(ps: ExportPost[], size: number): AsyncGenerator<ExportPostPages> {
    for (const p of ps) {
      const replies = p.replies;
      async function* pages() {
        for (let i = 0; i < replies.length; i += size) yield replies.slice(i, i + size);
        yield [];
      }
      yield { post: { ...p, replies: [] }, pages: pages() };
    }
  }
  const join = async (it: AsyncIterable<string>) => {
    let s = '';
    for await (const c of it) s += c;
    return s;
  };

  test.each([[[], 1], [posts, 1], [posts, 2]])('read a page of replies at a time, is byte for byte the whole-string export (%#)', async (ps: ExportPost[], size: number) => {
    expect(await join(exportChunksFrom(paged(ps, size), 'json', 'T'))).toBe(`${JSON.stringify({ posts: ps }, null, 2)}\n`);
    expect(await join(exportChunksFrom(paged(ps, size), 'csv', 'T'))).toBe(toCsv(ps));
    const md = toMarkdown(ps, 'T');
    expect(await join(exportChunksFrom(paged(ps, size), 'md', 'T'))).toBe(md.endsWith('\n') ? md : `${md}\n`);
  });

  test('comes in pieces, one post at a time', () => {
    expect([...exportChunks(posts, 'json', 'T')].length).toBe(posts.length + 2);
  });
});
