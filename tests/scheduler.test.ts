import { startWolbot, type RunningApp } from '../src/app';
import { FakeClock } from './helpers/fake-clock';
import { tempWorkspace } from './helpers/workspace';

const CONFIG = `program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [sandbox-user]
channels:
  - local:london
  - { id: "local:newyork", timezone: America/New_York }
  - { id: "local:kolkata", timezone: Asia/Kolkata, time: "08:30" }
`;

describe('scheduler on a fake clock (local channels, real SQLite file)', () => {
  // Each test has its own store and clock and builds its own history: no test leans on another.
  let ws: ReturnType<typeof tempWorkspace>;
  let clock: FakeClock;
  let app: RunningApp | undefined;
  const start = async () => (app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 }));
  const restartAt = async (at: string) => {
    await app!.stop();
    clock.set(at);
    await start();
  };
  const prompts = async (channel: string) => (await app!.store.listLocalMessages(channel)).filter((m) => m.kind === 'prompt').map((m) => (m.body as { day: number }).day);
  const all = async () => [await prompts('london'), await prompts('newyork'), await prompts('kolkata')];
  /** Ticks at each channel's day-1 minute: Kolkata 08:30, London 09:00, New York 09:00. */
  const postDay1Everywhere = async () => {
    for (const at of ['2026-11-16T03:00:00Z', '2026-11-16T09:00:00Z', '2026-11-16T14:00:00Z']) {
      clock.set(at);
      expect((await app!.tick()).sent).toBe(1);
    }
  };

  beforeEach(async () => {
    ws = tempWorkspace(CONFIG);
    clock = new FakeClock('2026-11-16T02:59:00Z');
    await start();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    ws.cleanup();
  });

  test('each channel gets day 1 once, at its own local minute', async () => {
    expect((await app!.tick()).sent).toBe(0);
    clock.set('2026-11-16T03:00:00Z'); // 08:30 in Kolkata
    expect((await app!.tick()).sent).toBe(1);
    expect(await prompts('kolkata')).toEqual([1]);
    clock.set('2026-11-16T08:59:00Z');
    expect((await app!.tick()).sent).toBe(0);
    clock.set('2026-11-16T09:00:00Z'); // 09:00 GMT in London
    expect((await app!.tick()).sent).toBe(1);
    clock.set('2026-11-16T14:00:00Z'); // 09:00 EST in New York
    expect((await app!.tick()).sent).toBe(1);
    expect((await app!.tick()).sent).toBe(0);
    expect(await all()).toEqual([[1], [1], [1]]);
  });

  test('a restart on the same store posts nothing twice', async () => {
    await postDay1Everywhere();
    await restartAt('2026-11-16T14:05:00Z');
    expect((await app!.tick()).sent).toBe(0);
    expect(await all()).toEqual([[1], [1], [1]]);
  });

  test('after downtime a post within grace is made up, one beyond grace is skipped and reported', async () => {
    await postDay1Everywhere();
    await restartAt('2026-11-17T12:00:00Z'); // London day 2 was 3 h ago (grace 4 h); Kolkata's 9 h ago
    const report = await app!.tick();
    expect(report).toMatchObject({ sent: 1, skipped: 1 });
    expect(await prompts('london')).toEqual([1, 2]);
    expect(await prompts('kolkata')).toEqual([1]);
    const status = await app!.core.status();
    const kolkata = status.channels.find((c) => c.label === 'local:kolkata')!;
    expect(kolkata.rows.find((r) => r.day === 2)).toMatchObject({ state: 'skipped' });
    expect(kolkata.rows.find((r) => r.day === 2)!.delivery!.reason).toMatch(/missed by 540 min/);
    expect(kolkata.next).toMatchObject({ day: 3 });
    // Later ticks never post the skipped day late.
    clock.set('2026-11-17T12:30:00Z');
    expect((await app!.tick()).sent).toBe(0);
    expect(await prompts('kolkata')).toEqual([1]);
  });

  test('a paused channel gets nothing until resumed', async () => {
    await postDay1Everywhere();
    const say = (text: string) => app!.core.command({ platform: 'local', channelId: 'newyork', userId: 'sandbox-user', text, target: { platform: 'local', channelId: 'newyork' } }, async () => undefined);
    expect((await say('pause')).text).toMatch(/Paused this channel/);
    clock.set('2026-11-17T14:00:00Z'); // New York's day 2
    await app!.tick();
    expect(await prompts('newyork')).toEqual([1]);
    await say('resume');
    expect((await app!.tick()).sent).toBe(1);
    expect(await prompts('newyork')).toEqual([1, 2]);
  });
});
