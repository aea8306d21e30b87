/**
 * People's display names: Slack looks them up (users.info) after the reply is stored, at most daily;
 * Teams takes `from.name`; the sandbox user has its own name. Exports read them from the store only.
 */
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';
import { toCsv } from '../src/core/export-formats';
import { FakeClock } from './helpers/fake-clock';
import { sandboxAppForTests } from './helpers/sandbox-app';

describe('display names on Slack', () => {
  let s: SlackApp;
  beforeEach(async () => {
    s = await startSlackApp();
    s.fake.userNames.set('U0ANA', 'Ana');
  });
  afterEach(() => s.stop());

  const post = (body: object, opts?: Parameters<typeof postToSlackEndpoint>[3]) => postToSlackEndpoint(s.events, SIGNING_SECRET, body, opts);
  async function day2Thread(): Promise<string> {
    await post(slashCommand('post 2 here'), { form: true });
    await waitFor(async () => (await s.app.core.exportPosts()).posts.length === 1, 'day 2 posted');
    return s.fake.prompts('C0WOL1')[0]!.ts;
  }
  let n = 0;
  const reply = (thread: string, user: string, text: string) => {
    const ts = (Number(thread) + ++n).toFixed(6);
    return envelope({ type: 'message', channel: 'C0WOL1', user, text, ts, thread_ts: thread, event_ts: ts, channel_type: 'channel' });
  };
  const nameIn = async (user: string) => (await s.app.core.exportPosts()).posts.flatMap((p) => p.replies).find((r) => r.user === user)?.name;

  test('a first reply gets its writer\'s name looked up once; the export and CSV carry it', async () => {
    const thread = await day2Thread();
    expect((await post(reply(thread, 'U0ANA', 'my draft'))).status).toBe(200);
    await waitFor(async () => (await nameIn('U0ANA')) === 'Ana', 'name stored');
    expect(s.fake.callsOf('users.info').map((c) => c.args.user)).toEqual(['U0ANA']);

    // Another reply the same day: no second look-up.
    await post(reply(thread, 'U0ANA', 'and another'));
    await s.app.core.shutdown(2000); // waits for background work, so a look-up would have happened
    expect(s.fake.callsOf('users.info')).toHaveLength(1);

    const { posts } = await s.app.core.exportPosts();
    expect(posts[0]!.replies.map((r) => [r.user, r.name])).toEqual([['U0ANA', 'Ana'], ['U0ANA', 'Ana']]);
    const csv = toCsv(posts).split('\r\n');
    expect(csv[0]).toContain('user,name,');
    expect(csv[1]).toContain('"U0ANA","Ana"');
  });

  test('the name is refreshed after a day, and without a display name Slack\'s full name is used', async () => {
    const thread = await day2Thread();
    await post(reply(thread, 'U0BEN', 'first'));
    await waitFor(async () => (await nameIn('U0BEN')) === 'Person U0BEN', 'full name stored');
    s.fake.userNames.set('U0BEN', 'Ben');
    s.clock.t += 25 * 3600_000;
    await post(reply(thread, 'U0BEN', 'next day'));
    await waitFor(async () => (await nameIn('U0BEN')) === 'Ben', 'refreshed name');
    expect(s.fake.callsOf('users.info')).toHaveLength(2);
  });

  test('users.info hanging does not hold the acknowledgement; the reply is stored', async () => {
    const thread = await day2Thread();
    s.fake.fail('users.info', { kind: 'hang' });
    const hung = s.fake.nextHang();
    expect((await post(reply(thread, 'U0CAT', 'still here'))).status).toBe(200);
    await hung;
    const { posts } = await s.app.core.exportPosts();
    expect(posts[0]!.replies.map((r) => [r.user, r.text, r.name])).toEqual([['U0CAT', 'still here', undefined]]);
  });

  test('forget me removes the name with the words', async () => {
    const thread = await day2Thread();
    await post(reply(thread, 'U0ANA', 'my draft'));
    await waitFor(async () => (await nameIn('U0ANA')) === 'Ana', 'name stored');
    await post(slashCommand('forget me', { user: 'U0ANA' }), { form: true });
    await waitFor(async () => (await s.app.store.getNames('slack', ['U0ANA'])).size === 0, 'name forgotten');
    expect((await s.app.core.exportPosts()).posts[0]!.replies).toHaveLength(0);

    // Writing again the same day: the name remembered in memory went with `forget me`, so it is stored again.
    await post(reply(thread, 'U0ANA', 'back again'));
    await waitFor(async () => (await nameIn('U0ANA')) === 'Ana', 'name stored again');
  });
});

describe('display names in the sandbox', () => {
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  const app = sandboxAppForTests(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [sandbox-user]
channels: [local:general]
`, clock);

  test('the sandbox user is "Sandbox User" in the export', async () => {
    await app.tick();
    const [p] = (await app.core.exportPosts()).posts;
    await fetch(`${app.url}/v1/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'general', thread: p!.thread, text: 'hello' }) });
    await waitFor(async () => (await app.core.exportPosts()).posts[0]!.replies[0]?.name === 'Sandbox User', 'sandbox name');
    const body = (await (await fetch(`${app.url}/v1/export`)).json()) as any;
    expect(body.posts[0].replies[0]).toMatchObject({ user: 'sandbox-user', name: 'Sandbox User', text: 'hello' });
  });
});
