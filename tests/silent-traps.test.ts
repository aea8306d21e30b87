/**
 * No silent traps (issue 24): a configured channel whose platform is off is said at `check` and at
 * start; the demo's run leaves the run list once a real config runs (kept, readable by name); a
 * web token with `+` (base64) still opens the page from `?token=`.
 */
import fs from 'node:fs';
import { startWolbot } from '../src/app';
import { runCheck } from '../src/cli/check';
import { openCheckInput } from '../src/open-context';
import { FakeClock } from './helpers/fake-clock';
import { logSink, tempWorkspace } from './helpers/workspace';

const WITH_SLACK = 'program: wol-week\nstart: 2026-12-07\ntime: "09:00"\ntimezone: Europe/London\nadmins: [sandbox-user]\nchannels: [local:general, slack:C0PROD1, "teams:19:abc@thread.tacv2"]\n';

describe('configured channels on a platform that is off', () => {
  const ws = tempWorkspace(WITH_SLACK);
  afterAll(() => ws.cleanup());
  const env = { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'info', WEB_TOKEN: 'x'.repeat(32) };

  test('check says so beside "Config OK"', async () => {
    const input = await openCheckInput({ env, cwd: ws.dir, clock: new FakeClock() });
    const out = await runCheck(input);
    expect(out).toContain('Config OK');
    expect(out).toContain('Warning: slack:C0PROD1 is in the config but slack is off (its credentials are not set)');
    expect(out).toContain('Warning: teams:19:abc@thread.tacv2 is in the config but teams is off');
    expect(out).not.toContain('Warning: local:general');
  });

  test('the server says so at start', async () => {
    const logs = logSink();
    const app = await startWolbot({ env, cwd: ws.dir, clock: new FakeClock(), cron: false, port: 0, logStream: logs.stream });
    await app.stop();
    expect(logs.text()).toContain('slack:C0PROD1 is in the config but slack is off');
    expect(logs.text()).toContain('teams:19:abc@thread.tacv2 is in the config but teams is off');
  });
});

describe('the demo run once a real config is used', () => {
  test('is no longer in /v1/runs but stays in the store, readable with ?run=', async () => {
    const ws = tempWorkspace();
    const clock = new FakeClock('2026-11-17T09:00:00Z');
    try {
      const demo = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
      await demo.tick();
      type Runs = { runs: { id: string }[] };
      const demoRuns = ((await (await fetch(`${demo.url}/v1/runs`)).json()) as Runs).runs;
      await demo.stop();
      expect(demoRuns).toHaveLength(1);
      const demoRun = demoRuns[0]!.id;

      fs.writeFileSync(ws.config, WITH_SLACK.replace(', slack:C0PROD1, "teams:19:abc@thread.tacv2"', ''));
      const real = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
      try {
        const runs = ((await (await fetch(`${real.url}/v1/runs`)).json()) as Runs).runs;
        expect(runs.map((r) => r.id)).toEqual(['wol-week@2026-12-07']);
        const old = await fetch(`${real.url}/v1/export?run=${encodeURIComponent(demoRun)}`);
        expect(old.status).toBe(200);
        expect(((await old.json()) as { posts: unknown[] }).posts.length).toBe(1);
      } finally {
        await real.stop();
      }
    } finally {
      ws.cleanup();
    }
  });
});

describe('a web token with + and /', () => {
  const TOKEN = 'ab+cd/ef+gh0123456789+xyzXYZ==';
  const ws = tempWorkspace(WITH_SLACK);
  afterAll(() => ws.cleanup());

  test('opens the page from ?token= typed as it is, and percent-encoded', async () => {
    const app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent', WEB_TOKEN: TOKEN }, cwd: ws.dir, clock: new FakeClock(), cron: false, port: 0 });
    try {
      for (const written of [TOKEN, encodeURIComponent(TOKEN)]) {
        const r = await fetch(`${app.url}/?view=gallery&token=${written}`, { redirect: 'manual' });
        expect(r.status).toBe(303);
        expect(r.headers.get('location')).toBe('/?view=gallery');
        expect(r.headers.get('set-cookie')).toMatch(/^wolbot_access=/);
      }
      expect((await fetch(`${app.url}/?token=${TOKEN.replace('+', ' ')}`, { redirect: 'manual' })).status).toBe(401);
    } finally {
      await app.stop();
    }
  });
});
