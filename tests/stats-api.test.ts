import { FakeClock } from './helpers/fake-clock';
import { localPeople } from './helpers/local-people';
import { sandboxAppForTests } from './helpers/sandbox-app';

/** GET /v1/stats: the sponsor's figures, counted from what people really shared. */
describe('GET /v1/stats', () => {
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  const app = sandboxAppForTests(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [sandbox-user]
channels: [local:general, local:design]
`, clock);

  const threadOf = async (channel: string, day: number): Promise<string> => (await app.core.exportPosts({ day })).posts.find((p) => p.channel === channel)!.thread;
  const share = async (channel: string, day: number, user: string, text: string): Promise<void> => {
    // The sandbox API speaks only as sandbox-user (#8): other people speak through the core.
    expect((await localPeople(app, () => clock.now()).reply(user, channel, await threadOf(channel, day), text)).outcome).toBe('stored');
  };

  beforeAll(async () => {
    // A share from an earlier run of the same programme (spring): "veteran" is not a first-time sharer now.
    const s = app.store;
    const before = new Date('2026-03-02T09:00:00Z');
    const old = await s.claimDelivery({ id: 'old-run-day-1', run: 'wol-week@2026-03-02', kind: 'prompt', programme: 'wol-week', day: 1, platform: 'local', channelId: 'general', round: 0, state: 'claimed', trigger: 'manual', scheduledAt: before, owner: 'test', leaseUntil: new Date(before.getTime() + 60_000), now: before });
    expect(old).not.toBeNull();
    expect(await s.markSending(old!.id, 'test', before)).toBe(true);
    expect(await s.markSent(old!.id, 'test', 'Lold-thread', before, before)).toBe(true);
    expect(await s.addReply('local:old-share', { platform: 'local', channelId: 'general', messageId: 'Lold-share', threadId: 'Lold-thread', deliveryId: old!.id, user: 'veteran', text: 'last year', at: before, files: [], links: [], external: false }, before)).toBe('stored');

    await app.tick(); // day 1 in both channels (both post at 09:00 London)
    await share('general', 1, 'ana', 'a first note');
    await share('general', 1, 'ben', 'my draft');
    await share('general', 1, 'veteran', 'back again');
    await share('design', 1, 'ana', 'the same person in another channel');
    await share('design', 1, 'cara', 'sketches');
    await share('design', 1, 'eve', 'soon forgotten');
    clock.set('2026-11-17T09:00:00Z');
    await app.tick(); // day 2
    await share('general', 2, 'ana', 'day two from ana');
    await share('design', 2, 'dan', 'first time, on day two');
    // `forget me` removes everything eve wrote: she no longer counts.
    expect((await localPeople(app).command('eve', 'design', 'forget me')).text).toMatch(/removed/);
  }, 60_000);

  test('counts people, returning and first-time sharers, shares per day and per channel', async () => {
    const res = await fetch(`${app.url}/v1/stats`);
    expect(res.status).toBe(200);
    const stats = await res.json();
    expect(stats).toEqual({
      run: { programme: 'wol-week', start: '2026-11-16' },
      people: 5, // ana, ben, veteran, cara, dan
      returning: 1, // ana shared on day 1 and day 2
      firstTime: 4, // everyone but veteran
      shares: 7,
      days: [
        { day: 1, theme: 'Connection', shares: 5, people: 4 },
        { day: 2, theme: 'Sharing', shares: 2, people: 2 },
        { day: 3, theme: 'Learning', shares: 0, people: 0 },
        { day: 4, theme: 'Problem Solving', shares: 0, people: 0 },
        { day: 5, theme: 'Innovation', shares: 0, people: 0 },
      ],
      channels: [
        { platform: 'local', channel: 'general', name: 'local:general', shares: 4, people: 3 },
        { platform: 'local', channel: 'design', name: 'local:design', shares: 3, people: 3 },
      ],
      // Nobody said `connect on` or `circle join` here (issue 25).
      introductions: 0,
      circles: 0,
    });
  });

  test('?run=START chooses a run; /v1/runs lists them; an unknown run is a clear 404', async () => {
    const current = await fetch(`${app.url}/v1/stats?run=2026-11-16`);
    expect(current.status).toBe(200);
    expect(((await current.json()) as any).shares).toBe(7);
    const spring = (await (await fetch(`${app.url}/v1/stats?run=2026-03-02`)).json()) as any;
    expect(spring).toMatchObject({ run: { programme: 'wol-week', start: '2026-03-02' }, people: 1, returning: 0, firstTime: 1, shares: 1 });
    expect(spring.days[0]).toEqual({ day: 1, theme: 'Connection', shares: 1, people: 1 });
    const exported = (await (await fetch(`${app.url}/v1/export?run=2026-03-02`)).json()) as any;
    expect(exported.posts.map((p: { day: number; replies: { text: string }[] }) => [p.day, p.replies.map((r) => r.text)])).toEqual([[1, ['last year']]]);
    expect(await (await fetch(`${app.url}/v1/runs`)).json()).toEqual({
      runs: [
        { id: 'wol-week@2026-11-16', programme: 'wol-week', start: '2026-11-16', current: true },
        { id: 'wol-week@2026-03-02', programme: 'wol-week', start: '2026-03-02', current: false },
      ],
    });
    for (const path of ['/v1/stats?run=2020-01-06', '/v1/export?run=2020-01-06']) {
      const unknown = await fetch(`${app.url}${path}`);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as any).error).toMatch(/no run starting 2020-01-06/);
    }
  });
});
