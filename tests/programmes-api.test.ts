import { startWolbot, type RunningApp } from '../src/app';
import { FakeClock } from './helpers/fake-clock';
import { tempWorkspace } from './helpers/workspace';
import { twoProgrammesYaml } from './helpers/two-programmes';

// Two programmes in one config: /v1/status and /v1/runs answer for both, not only the first.
describe('/v1 with several programmes', () => {
  const ws = tempWorkspace(twoProgrammesYaml());
  const clock = new FakeClock('2026-11-16T09:00:30Z'); // 09:00 in London: wol-a's day 1 is due
  let app: RunningApp;
  const get = async (path: string): Promise<any> => {
    const res = await fetch(`${app.url}${path}`);
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
    await app.tick();
  });
  afterAll(async () => {
    await app.stop();
    ws.cleanup();
  });

  test('/v1/status lists each programme with its run, schedule and its own channels in their local time', async () => {
    const s = await get('/v1/status');
    // The single-programme fields stay: the first programme, every channel flat.
    expect(s.programme.id).toBe('wol-week');
    expect(s.channels.map((c: { channel: string }) => c.channel).sort()).toEqual(['local:circle', 'local:wol-a', 'local:wol-b']);

    expect(s.programmes.map((p: { id: string }) => p.id)).toEqual(['wol-week', 'weekly-habits']);
    const [week, habits] = s.programmes;
    expect(week).toMatchObject({ title: expect.any(String), run: { id: 'wol-week@2026-11-16', start: '2026-11-16' }, current: true, timezone: 'Europe/London', time: '09:00' });
    expect(habits).toMatchObject({ run: { id: 'weekly-habits@2026-11-16', start: '2026-11-16' }, current: true, timezone: 'Europe/Berlin', time: '13:30' });
    expect(habits.title).not.toBe(week.title);
    expect(week.channels.map((c: { channel: string }) => c.channel)).toEqual(['local:wol-a', 'local:wol-b']);
    expect(habits.channels.map((c: { channel: string }) => c.channel)).toEqual(['local:circle']);

    // Each programme's own days: WOL Week's themes are not the weekly series'.
    expect(week.schedule[0]).toEqual({ day: 1, theme: 'Connection', date: '2026-11-16' });
    expect(habits.schedule[0]).toMatchObject({ day: 1, date: '2026-11-16' });
    expect(habits.schedule[0].theme).not.toBe('Connection');
    expect(habits.schedule.length).toBeGreaterThan(1);

    // Day 1 per channel, in that channel's own zone: posted in London, upcoming in New York and Berlin.
    const day1 = (c: { days: { day: number }[] }) => c.days.find((x) => x.day === 1);
    const [a, b] = week.channels;
    expect(a).toMatchObject({ timezone: 'Europe/London', time: '09:00' });
    expect(day1(a)).toMatchObject({ state: 'posted', local: '2026-11-16 09:00' });
    expect(b).toMatchObject({ timezone: 'America/New_York' });
    expect(day1(b)).toMatchObject({ state: 'upcoming', local: '2026-11-16 09:00', utc: '2026-11-16T14:00:00.000Z' });
    expect(habits.channels[0]).toMatchObject({ timezone: 'Europe/Berlin', time: '13:30' });
    expect(day1(habits.channels[0])).toMatchObject({ state: 'upcoming', local: '2026-11-16 13:30', utc: '2026-11-16T12:30:00.000Z' });
  });

  test("/v1/runs lists every programme's runs, current ones marked; ?run= picks one programme's figures", async () => {
    const { runs } = await get('/v1/runs');
    expect(runs).toEqual(expect.arrayContaining([
      { id: 'wol-week@2026-11-16', programme: 'wol-week', start: '2026-11-16', current: true },
      { id: 'weekly-habits@2026-11-16', programme: 'weekly-habits', start: '2026-11-16', current: true },
    ]));
    expect(runs).toHaveLength(2);
    const stats = await get('/v1/stats?run=weekly-habits%402026-11-16');
    expect(stats.run).toEqual({ programme: 'weekly-habits', start: '2026-11-16' });
  });
});
