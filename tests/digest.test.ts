import { startWolbot, type RunningApp } from '../src/app';
import type { DigestMessage } from '../src/core/ports/messages';
import { FakeClock } from './helpers/fake-clock';
import { localPeople } from './helpers/local-people';
import { tempWorkspace } from './helpers/workspace';

describe('daily digest', () => {
  const ws = tempWorkspace(`program: wol-week
start: 2026-11-16
time: "09:00"
digest: "17:00"
timezone: Europe/London
admins: [sandbox-user]
channels: [local:general]
`);
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  let app: RunningApp;
  const digests = async () => (await app.store.listLocalMessages('general')).filter((m) => m.kind === 'digest');
  const api = (path: string, body: unknown) => fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: string }>);

  beforeAll(async () => {
    app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
  });
  afterAll(async () => {
    await app.stop();
    ws.cleanup();
  });

  test('at the digest time the day\'s thread gets who shared and the most-reacted replies, once', async () => {
    await app.tick();
    const [post] = (await app.core.exportPosts()).posts;
    const people = localPeople(app, () => clock.now());
    const a = await people.reply('ana', 'general', post!.thread, 'Shared my draft with two teams');
    await people.reply('ben', 'general', post!.thread, 'Asked a question in the open');
    await people.reply('ana', 'general', post!.thread, 'And a second thing');
    for (const user of ['ben', 'cy']) await people.react(user, 'general', a.id, 'clap');
    await people.react('cy', 'general', post!.thread, 'wave');

    clock.set('2026-11-16T16:59:00Z');
    await app.tick();
    expect(await digests()).toHaveLength(0);
    clock.set('2026-11-16T17:00:00Z');
    await app.tick();
    await app.tick();
    const d = await digests();
    expect(d).toHaveLength(1);
    expect(d[0]!.threadId).toBe(post!.thread);
    const body = d[0]!.body as DigestMessage;
    expect(body).toMatchObject({ day: 1, theme: 'Connection', replyCount: 3, peopleCount: 2, promptReactions: 1 });
    expect(body.highlights[0]).toEqual({ user: 'ana', text: 'Shared my draft with two teams', reactions: 2, reactionsText: '2 reactions' });
    expect(body.title).toBe('Day 1 · Connection — the day so far');
  });

  test('`digest` posts the latest day\'s digest now (admins only), and never a second one in a thread', async () => {
    // The sandbox API speaks as sandbox-user (an admin here); a member speaks through the core.
    const say = async (user: string) => (user === 'sandbox-user' ? ((await api('/v1/commands', { channel: 'general', text: 'digest' })) as unknown as { text: string }) : localPeople(app).command(user, 'general', 'digest'));
    expect((await say('member')).text).toMatch(/for the programme's admins/);
    expect(await digests()).toHaveLength(1);
    expect((await say('sandbox-user')).text).toMatch(/digest of day 1 is already in its thread/);
    expect(await digests()).toHaveLength(1);
    await app.core.postDay(2);
    const day2 = (await app.core.exportPosts({ day: 2 })).posts[0]!;
    expect((await say('sandbox-user')).text).toMatch(/Posted the digest of day 2/);
    expect((await say('sandbox-user')).text).toMatch(/digest of day 2 is already in its thread/);
    const d = await digests();
    const day1 = (await app.core.exportPosts({ day: 1 })).posts[0]!;
    // One digest in each day's thread (both made at the same fake instant: order by thread).
    expect(d.map((m) => m.threadId).sort()).toEqual([day1.thread, day2.thread].sort());
  });
});
