/**
 * Issue #8, findings 3 and 9 on Teams: anonymous (emulator) mode stays on this machine, and the
 * bot never repeats a person's markup back into a channel.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startWolbot, type RunningApp } from '../src/app';
import { FakeBotConnector, mentionPost, postActivity, type Person } from './fakes/bot-connector';
import { startTeamsApp, until } from './helpers/teams-app';
import { logSink } from './helpers/workspace';

const CHANNEL = '19:sec-channel@thread.tacv2';
const ADMIN: Person = { id: '29:admin-teams-id', aadObjectId: 'aad-admin-1', name: 'Ada Admin' };
const EVE: Person = { id: '29:eve', aadObjectId: 'aad-eve', name: 'Eve' };

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-teams-sec-'));
  fs.writeFileSync(path.join(dir, 'wolbot.yaml'), 'program: wol-week\nstart: 2030-11-18\ntime: "09:00"\ntimezone: Europe/London\nadmins: [aad-admin-1]\n');
  return dir;
}

describe('anonymous Teams mode (#8 finding 3)', () => {
  let fake: FakeBotConnector;
  let app: RunningApp;
  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    fake = await new FakeBotConnector().start();
    const dir = tmpDir();
    app = await startTeamsApp({ dir, dbUrl: `sqlite:${dir}/w.db`, config: `${dir}/wolbot.yaml` });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.stop();
    jest.restoreAllMocks();
  });

  test('an activity naming a serviceUrl off this machine is refused and nothing is sent there', async () => {
    const spoofed = mentionPost('https://attacker.example/teams/', CHANNEL, 'subscribe', { ...ADMIN, aadObjectId: 'aad-admin-1' });
    const r = await postActivity(app.url, spoofed);
    expect(r.status).toBe(403);
    expect(await app.store.getChannel('teams', CHANNEL)).toBeNull();
    // The same words from the local emulator are answered (loopback serviceUrl).
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'help', EVE))).status).toBe(200);
  });

  test('a foreign Host header is refused (DNS rebinding); loopback names are answered', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(`${app.url}/api/messages`, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(JSON.stringify(mentionPost(fake.url, CHANNEL, 'help', EVE)));
      });
    expect(await status('evil.example')).toBe(421);
    expect(await status(`localhost:${app.port}`)).toBe(200);
  });

  test('(finding 9) unknown words with a link are answered without repeating them', async () => {
    const before = fake.calls.length;
    const r = await postActivity(app.url, mentionPost(fake.url, CHANNEL, '[click](https://evil.example/x) <b>hi</b>', EVE));
    expect(r.status).toBe(200);
    const sent = await until('an answer', () => fake.calls.slice(before).find((c) => typeof (c.body as { text?: string } | undefined)?.text === 'string'));
    const text = (sent!.body as { text: string }).text;
    expect(text).toMatch(/I don't know that word\. Nothing was changed\./);
    expect(text).not.toMatch(/evil\.example|<b>|\[click\]/);
  });
});

test('TEAMS_ALLOW_ANONYMOUS with an app id says it is ignored, and the server binds all interfaces', async () => {
  const dir = tmpDir();
  const logs = logSink();
  const app = await startWolbot({
    env: { DATABASE_URL: `sqlite:${dir}/w.db`, WOLBOT_CONFIG: `${dir}/wolbot.yaml`, LOG_LEVEL: 'info', MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000aa', MICROSOFT_APP_PASSWORD: 'not-a-real-secret', TEAMS_ALLOW_ANONYMOUS: 'true', WEB_TOKEN: 'teams-web-token-0123456789abcdef' },
    cwd: dir,
    cron: false,
    port: 0,
    logStream: logs.stream,
  });
  try {
    expect(logs.text()).toMatch(/TEAMS_ALLOW_ANONYMOUS=true is ignored: MICROSOFT_APP_ID is set/);
    expect(logs.text()).toMatch(/listening on all interfaces/);
  } finally {
    await app.stop();
  }
});
