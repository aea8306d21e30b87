/** Digests are ledger rows: claimed, posted, marked; retried after a transient failure; a failure for good shown by status. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderStatus } from '../src/core/status';
import { startSlackApp, writeSlackConfig, type SlackApp } from './helpers/slack-app';

describe('digest delivery through the ledger (Slack, fake Web API)', () => {
  let s: SlackApp;
  const inThread = (ch: string) => s.fake.posts(ch).filter((m) => m.thread_ts);
  beforeEach(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-digest-'));
    writeSlackConfig(dir, 'digest: "17:00"');
    s = await startSlackApp({ dir });
  });
  afterEach(() => s.stop());

  test('a digest whose first post fails with a 500 is posted once, in the day\'s thread, on the next tick', async () => {
    await s.app.tick();
    const [prompt] = s.fake.prompts('C0WOL1');
    expect(prompt).toBeDefined();
    s.clock.t = Date.parse('2026-11-16T17:00:30Z');
    s.fake.fail('chat.postMessage', { kind: 'status', status: 500 }, { match: (a) => a.channel === 'C0WOL1' && !!a.thread_ts });
    await s.app.tick();
    expect(inThread('C0WOL1')).toHaveLength(0);
    const [digest] = await s.app.store.listDeliveries({ kinds: ['digest'] });
    expect(digest).toMatchObject({ kind: 'digest', day: 1, channelId: 'C0WOL1', state: 'retry', reason: 'http_500' });
    expect(renderStatus(await s.app.core.status())).toMatch(/day 1 Connection: posted .*\n\s+digest: retrying — http_500/);

    await s.app.tick();
    await s.app.tick();
    const posted = inThread('C0WOL1');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.thread_ts).toBe(prompt!.ts);
    // The row keeps the digest's own message (forget me edits it there).
    expect(await s.app.store.getDelivery(digest!.id)).toMatchObject({ state: 'sent', threadId: posted[0]!.ts, attempts: 2 });
    expect(s.fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts)).toHaveLength(2);
  });

  test('a digest refused for good is recorded with its reason, shown in status, and never retried; `digest` adds none', async () => {
    await s.app.tick();
    s.clock.t = Date.parse('2026-11-16T17:00:30Z');
    s.fake.fail('chat.postMessage', { kind: 'error', error: 'msg_too_long' }, { match: (a) => a.channel === 'C0WOL1' && !!a.thread_ts });
    await s.app.tick();
    await s.app.tick();
    expect(inThread('C0WOL1')).toHaveLength(0);
    expect(renderStatus(await s.app.core.status())).toMatch(/digest: failed — msg_too_long/);
    const r = await s.app.core.command(
      { platform: 'slack', channelId: 'C0WOL1', userId: 'UADMIN', text: 'digest', target: { platform: 'slack', channelId: 'C0WOL1' } } as any,
      async () => undefined,
    );
    expect(r.text).toMatch(/digest of day 1 was not posted: failed \(msg_too_long\)/);
    expect(inThread('C0WOL1')).toHaveLength(0);
  });
});
