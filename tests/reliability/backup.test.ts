/** `wolbot backup FILE` beside a running server: the copy opens on its own and holds the posts. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/cli';
import { postJson, startHarness } from './app-harness';

test('backup while the server runs: a consistent copy with the posts and replies', async () => {
  const h = await startHarness(['local:general', 'local:second']);
  try {
    const thread = await h.thread('local:general');
    expect((await postJson(`${h.app.url}/v1/replies`, { channel: 'general', thread, text: 'in the backup' })).status).toBe(201);
    const copy = path.join(h.dir, 'copies', 'backup.db');
    // Writes keep coming while the copy is taken.
    const writes = Promise.all(Array.from({ length: 20 }, (_, i) => postJson(`${h.app.url}/v1/replies`, { channel: 'general', thread, text: `during ${i}` })));
    const r = await runCli(['backup', copy], { cwd: h.dir, env: { DATABASE_URL: 'sqlite:w.db', WOLBOT_CONFIG: 'wolbot.yaml' } });
    await writes;
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });

    const db = new Database(copy, { readonly: true, fileMustExist: true });
    try {
      expect((db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      const sent = db.prepare(`select channel_id from deliveries where state = 'sent' and day = 1 order by channel_id`).all() as { channel_id: string }[];
      expect(sent.map((s) => s.channel_id)).toEqual(['general', 'second']);
      const prompts = db.prepare(`select count(*) as n from local_messages where kind = 'prompt'`).get() as { n: number };
      expect(prompts.n).toBe(2);
      expect(db.prepare(`select count(*) as n from replies where text = 'in the backup'`).get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  } finally {
    await h.close();
  }
});
