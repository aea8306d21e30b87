/**
 * Live config: the server applies a valid edit of wolbot.yaml without a restart (new start, new
 * channel, new programme), keeps the last good config when an edit is invalid (each problem
 * logged with file, line and field), and `check` says whether the running server has picked the
 * file up. Real files, a real watcher; the scheduler runs on a fake clock.
 */
import fs from 'node:fs';
import { startWolbot, type RunningApp } from '../src/app';
import { runCheck } from '../src/cli/check';
import { openCheckInput } from '../src/open-context';
import { FakeClock } from './helpers/fake-clock';
import { databases, describePg } from './helpers/pg';
import { logSink, tempWorkspace } from './helpers/workspace';

const config = (o: { start: string; time?: string; channels: string; extra?: string }) => `program: wol-week
start: ${o.start}
time: "${o.time ?? '09:00'}"
timezone: Europe/London
admins: [sandbox-user]
channels: [${o.channels}]
${o.extra ?? ''}`;

describe('live config', () => {
  const ws = tempWorkspace(config({ start: '2026-12-07', channels: 'local:general' }));
  const clock = new FakeClock('2026-11-18T09:30:00Z');
  const logs = logSink();
  let app: RunningApp;
  const env = { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'info' };
  const sentIn = async (channelId: string) =>
    (await app.store.listDeliveries({ kinds: ['prompt'] })).filter((d) => d.channelId === channelId && d.state === 'sent').map((d) => d.day);
  const edit = async (yaml: string) => {
    const next = app.config!.next();
    fs.writeFileSync(ws.config, yaml);
    return next;
  };
  const check = async () => {
    const input = await openCheckInput({ env, cwd: ws.dir, clock });
    try {
      return await runCheck(input);
    } finally {
      await input.store?.close();
    }
  };

  beforeAll(async () => {
    app = await startWolbot({ env, cwd: ws.dir, clock, cron: false, port: 0, logStream: logs.stream, configDebounceMs: 20 });
  });
  afterAll(async () => {
    await app.stop();
    ws.cleanup();
  });

  test('start moved to today and a new channel: day 1 is posted there without a restart', async () => {
    await app.tick();
    expect(await sentIn('second')).toEqual([]);
    expect(await check()).toContain('Server: has picked up this file');

    const r = await edit(config({ start: '2026-11-18', channels: 'local:general, local:second' }));
    expect(r).toEqual({ ok: true, changes: expect.arrayContaining(['wol-week: start 2026-12-07 → 2026-11-18', 'wol-week: channel added local:second']) });
    expect(logs.text()).toContain('config reloaded: wol-week: start 2026-12-07 → 2026-11-18');
    await app.tick();
    expect(await sentIn('second')).toEqual([1]);
    expect(await sentIn('general')).toEqual([1]);
    expect(await check()).toContain('Server: has picked up this file');
  });

  test('an invalid edit keeps the last good config running and logs FILE:LINE: field: problem', async () => {
    const r = await edit(config({ start: '2026-11-18', time: '25:00', channels: 'local:general, local:second' }));
    expect(r.ok).toBe(false);
    expect(logs.text()).toMatch(/wolbot\.yaml:3: time: [^"]*/);
    expect(logs.text()).toContain('the last good config keeps running');
    expect(app.loaded.settings.time).toBe('09:00');
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    // check reads the broken file and says so itself; once fixed on disk but not yet loaded, it tells.
    expect(await check().catch((e: Error) => e.message)).toMatch(/wolbot\.yaml:3: time:/);
  });

  test('a new programme in the list form starts in its own channel; check tells whether the server has it', async () => {
    const two = `admins: [sandbox-user]
programmes:
  - program: wol-week
    start: 2026-11-18
    time: "09:00"
    timezone: Europe/London
    channels: [local:general, local:second]
  - program: wol-woche
    start: 2026-11-18
    time: "10:00"
    timezone: Europe/Berlin
    channels: [local:de]
`;
    const r = await edit(two);
    expect(r.ok && r.changes.some((c) => c.startsWith('programme added wol-woche'))).toBe(true);
    clock.set('2026-11-18T09:05:00Z'); // 10:05 in Berlin
    await app.tick();
    expect(await sentIn('de')).toEqual([1]);
    expect(await check()).toContain('Server: has picked up this file');

    // The file changes while the watcher cannot see it (stopped): check says the server lags.
    await app.config!.stop();
    fs.writeFileSync(ws.config, two.replace('time: "10:00"', 'time: "11:00"'));
    expect(await check()).toContain('Server: has NOT picked up this file');
  });
});

describePg('live config with two replicas on one PostgreSQL store', () => {
  const ws = tempWorkspace(config({ start: '2026-12-07', channels: 'local:general' }));
  const clock = new FakeClock('2026-11-18T09:30:00Z');
  const dbs = databases();
  let a: RunningApp;
  let b: RunningApp;
  beforeAll(async () => {
    const { url } = await dbs.fresh();
    const env = { DATABASE_URL: url, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' };
    a = await startWolbot({ env, cwd: ws.dir, clock, cron: false, port: 0, configDebounceMs: 20 });
    b = await startWolbot({ env, cwd: ws.dir, clock, cron: false, port: 0, configDebounceMs: 20 });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await dbs.dropAll();
    ws.cleanup();
  });

  test('both pick the edit up; day 1 is posted once however both tick', async () => {
    const both = Promise.all([a.config!.next(), b.config!.next()]);
    fs.writeFileSync(ws.config, config({ start: '2026-11-18', channels: 'local:general' }));
    expect((await both).map((r) => r.ok)).toEqual([true, true]);
    expect([a.loaded.settings.start, b.loaded.settings.start]).toEqual(['2026-11-18', '2026-11-18']);
    await Promise.all([a.tick(), b.tick(), a.tick()]);
    const sent = (await a.store.listDeliveries({ kinds: ['prompt'] })).filter((d) => d.state === 'sent');
    expect(sent.map((d) => `${d.channelId}#${d.day}`)).toEqual(['general#1']);
  });
});
