import { startWolbot } from '../src/app';
import type { DigestMessage } from '../src/core/ports/messages';
import { FakeClock } from './helpers/fake-clock';
import { localPeople } from './helpers/local-people';
import { tempWorkspace } from './helpers/workspace';

const config = (extra = '') => `program: wol-week
start: 2026-11-16
time: "09:00"
digest: "17:00"
timezone: Europe/London
admins: [sandbox-user]
channels: [local:general]
${extra}`;

async function sandbox(extra = '') {
  const ws = tempWorkspace(config(extra));
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  const app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
  const api = (path: string, body: unknown) => fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: string; text: string }>);
  const digests = async () => (await app.store.listLocalMessages('general')).filter((m) => m.kind === 'digest');
  const thread = async (day: number) => (await app.core.exportPosts()).posts.find((p) => p.day === day)!.thread;
  // The sandbox API speaks as sandbox-user; other people speak through the core.
  const people = localPeople(app, () => clock.now());
  return { ws, clock, app, api, digests, thread, people, stop: async () => (await app.stop(), ws.cleanup()) };
}

describe('daily digest (sandbox)', () => {
  let s: Awaited<ReturnType<typeof sandbox>>;
  beforeAll(async () => {
    s = await sandbox();
  });
  afterAll(() => s.stop());

  test('at the digest time the day\'s thread is thanked by name, with what drew responses and the open question, once', async () => {
    await s.app.tick();
    const t = await s.thread(1);
    const a = await s.api('/v1/replies', { channel: 'general', thread: t, text: 'Shared my draft <b>plan</b> with two teams' }); // Sandbox User
    s.clock.set('2026-11-16T10:00:00Z');
    await s.people.reply('ben', 'general', t, 'Does anyone know a good one-pager template?', 'Ben');
    s.clock.set('2026-11-16T11:00:00Z');
    await s.api('/v1/replies', { channel: 'general', thread: t, text: 'And a second thing' });
    for (const user of ['ben', 'cy']) await s.people.react(user, 'general', a.id, 'clap');

    s.clock.set('2026-11-16T16:59:00Z');
    await s.app.tick();
    expect(await s.digests()).toHaveLength(0);
    s.clock.set('2026-11-16T17:00:00Z');
    await s.app.tick();
    await s.app.tick();
    const d = await s.digests();
    expect(d).toHaveLength(1);
    expect(d[0]!.threadId).toBe(t);
    const body = d[0]!.body as DigestMessage & { text: string };
    expect(body).toMatchObject({ kind: 'digest', day: 1, theme: 'Connection', sharers: ['Sandbox User', 'Ben'], shares: 3 });
    // Each name isolated (U+2068…U+2069): a right-to-left name cannot reorder the sentence.
    expect(body.intro[0]).toBe('Thank you, \u2068Sandbox User\u2069 and \u2068Ben\u2069, for working out loud today.');
    expect(body.sections.map((x) => x.heading)).toEqual(['What got people talking', 'Can you help?']);
    expect(body.sections[0]!.lines).toEqual([{ text: '\u2068Sandbox User\u2069: 2 reactions', quote: 'Shared my draft <b>plan</b> with two teams' }]);
    expect(body.sections[1]!.lines[0]).toMatchObject({ text: expect.stringMatching(/^\u2068Ben\u2069 asked/), quote: 'Does anyone know a good one-pager template?' });
    // Read aloud: warm, short, no zeros, nobody pinged.
    expect(body.text).not.toMatch(/\b0\b|<@/);
    expect(body.text.length).toBeLessThan(600);
  });

  test('`digest` posts the latest day\'s digest now (admins only), and never a second one in a thread', async () => {
    const say = async (user: string) => (user === 'sandbox-user' ? s.api('/v1/commands', { channel: 'general', text: 'digest' }) : s.people.command(user, 'general', 'digest'));
    expect((await say('member')).text).toMatch(/for the programme's admins/);
    expect(await s.digests()).toHaveLength(1);
    expect((await say('sandbox-user')).text).toMatch(/digest of day 1 is already in its thread/);
    expect(await s.digests()).toHaveLength(1);
    await s.app.core.postDay(2);
    const day2 = (await s.app.core.exportPosts({ day: 2 })).posts[0]!;
    expect((await say('sandbox-user')).text).toMatch(/Posted the digest of day 2/);
    expect((await say('sandbox-user')).text).toMatch(/digest of day 2 is already in its thread/);
    const d = await s.digests();
    const day1 = (await s.app.core.exportPosts({ day: 1 })).posts[0]!;
    // One digest in each day's thread (both made at the same fake instant: order by thread).
    expect(d.map((m) => m.threadId).sort()).toEqual([day1.thread, day2.thread].sort());
  });

  test('a day nobody shared gets one encouraging line, without numbers', async () => {
    const day2 = (await s.app.core.exportPosts({ day: 2 })).posts[0]!;
    const d = (await s.digests()).find((m) => m.threadId === day2.thread)!;
    const body = d.body as DigestMessage & { text: string };
    expect(body).toMatchObject({ day: 2, sharers: [], sections: [] });
    expect(body.intro).toEqual([expect.stringMatching(/^Quiet in here today/)]);
    expect(body.text).not.toMatch(/\d+ (repl|reaction|people)/);
  });
});

describe('a prompt posted after its digest time', () => {
  test('gets its digest at the next digest time, not a "quiet" one a minute later', async () => {
    const s = await sandbox();
    try {
      await s.app.tick(); // day 1 at 09:00
      s.clock.set('2026-11-16T18:00:00Z');
      await s.app.core.postDay(2); // by hand, after today's 17:00
      s.clock.set('2026-11-16T18:01:00Z');
      await s.app.tick();
      const day2 = await s.thread(2);
      expect((await s.digests()).map((m) => m.threadId)).not.toContain(day2);
      await s.people.reply('ben', 'general', day2, 'My half-made plan', 'Ben');
      s.clock.set('2026-11-17T17:00:00Z');
      await s.app.tick();
      const d = (await s.digests()).filter((m) => m.threadId === day2);
      expect(d).toHaveLength(1);
      expect((d[0]!.body as DigestMessage).intro[0]).toMatch(/^Thank you, \u2068Ben\u2069,/);
    } finally {
      await s.stop();
    }
  });
});

describe('digest_quiet: skip', () => {
  test('a day nobody shared posts nothing; a day with a share still gets its digest', async () => {
    const s = await sandbox('digest_quiet: skip');
    try {
      await s.app.tick();
      s.clock.set('2026-11-16T17:00:00Z');
      await s.app.tick();
      expect(await s.digests()).toHaveLength(0);
      s.clock.set('2026-11-17T09:00:00Z');
      await s.app.tick();
      await s.api('/v1/replies', { channel: 'general', thread: await s.thread(2), text: 'my half-made thing' });
      s.clock.set('2026-11-17T17:00:00Z');
      await s.app.tick();
      const d = await s.digests();
      expect(d.map((m) => (m.body as DigestMessage).day)).toEqual([2]);
    } finally {
      await s.stop();
    }
  });
});
