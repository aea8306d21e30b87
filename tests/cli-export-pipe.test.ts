/**
 * A CLI result is never cut short: a multi-megabyte export piped through another process (as in
 * `wolbot export | gzip`) is byte for byte the export written straight to a file, in every format.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../src/store';
import { CLI, runCli } from './helpers/cli';

const sh = promisify(execFile);

describe('wolbot export through a pipe', () => {
  let dir = '';
  const env = (): NodeJS.ProcessEnv => ({ DATABASE_URL: `sqlite:${path.join(dir, 'w.db')}`, LOG_LEVEL: 'warn' });
  const shell = (cmd: string) => sh('bash', ['-c', cmd], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, ...env() }, maxBuffer: 64 * 1024 * 1024 });
  const cli = `"${process.execPath}" "${CLI}"`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-export-pipe-'));
    // The demo: day 1 posted to the sandbox channel, then thousands of long replies under it.
    expect((await runCli(['post', '--day', '1'], { cwd: dir, env: env() })).code).toBe(0);
    const store = await openStore(env().DATABASE_URL!, { cwd: dir });
    try {
      const [prompt] = await store.listDeliveries({ states: ['sent'] });
      const now = Date.now();
      // Non-ASCII and U+2028 in the words: a chunk boundary or a line split must not change a byte.
      const words = 'Entwurf für die Woche — ünfinished ✍️ work\u2028next line, "quoted", =SUM(A1) '.repeat(40);
      for (let i = 0; i < 2000; i++) {
        await store.addReply(`pipe-${i}`, {
          platform: 'local', channelId: prompt!.channelId, messageId: `m-${i}`, threadId: prompt!.threadId!, deliveryId: prompt!.id,
          user: `U${i % 50}`, text: `${i}: ${words}`, at: new Date(now - (2000 - i) * 1000), files: [], links: [], external: false,
        }, new Date(now));
      }
    } finally {
      await store.close();
    }
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(['json', 'csv', 'md'])('--format %s: piped through cat and wc equals the file, byte for byte', async (format) => {
    await shell(`${cli} export --format ${format} > direct.out`);
    const direct = fs.readFileSync(path.join(dir, 'direct.out'));
    expect(direct.length).toBeGreaterThan(4 * 1024 * 1024);
    // A slow reader on the far side of the pipe: the writer has to wait for it.
    await shell(`${cli} export --format ${format} | (sleep 0.3; cat) > piped.out`);
    expect(fs.readFileSync(path.join(dir, 'piped.out')).equals(direct)).toBe(true);
    const { stdout } = await shell(`${cli} export --format ${format} | wc -c`);
    expect(Number(stdout.trim())).toBe(direct.length);
  }, 60_000);

  test('the streamed JSON is the contract shape, every reply whole', async () => {
    const { posts } = JSON.parse((await shell(`${cli} export --format json | cat`)).stdout);
    expect(posts).toHaveLength(1);
    expect(posts[0].replies).toHaveLength(2000);
    expect(posts[0].replies[1999].text).toMatch(/^1999: Entwurf für die Woche — ünfinished ✍️ work\u2028next line/);
  }, 60_000);

  test('a reader that leaves early (| head) ends the export quietly', async () => {
    const { stdout, stderr } = await shell(`${cli} export --format csv | head -c 100; echo " exit=\${PIPESTATUS[0]}"`);
    expect(stdout.startsWith('platform,channel,day,')).toBe(true);
    expect(stdout.slice(100)).toBe(' exit=0\n');
    expect(stderr).toBe('');
  }, 60_000);
});
