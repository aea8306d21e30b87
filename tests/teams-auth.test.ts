/** The endpoint's doors: 401 without a Bot Framework token when an app id is set; 404 when Teams is off. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { startWolbot, type RunningApp } from '../src/app';
import { createTeamsAdapter } from '../adapters/teams';
import { silentLogger, systemClock } from '../src/core/ports';
import { RecordingInbound } from './helpers/recording-inbound';
import { FakeBotConnector, botAdded, mentionPost, postActivity } from './fakes/bot-connector';

const quiet = () => new Writable({ write: (_c, _e, cb) => cb() });

function dir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-teams-auth-'));
  fs.writeFileSync(path.join(d, 'wolbot.yaml'), 'program: wol-week\nstart: 2030-11-18\ntime: "09:00"\ntimezone: Europe/London\nadmins: [aad-admin-1]\n');
  return d;
}

async function start(d: string, env: Record<string, string>): Promise<RunningApp> {
  return startWolbot({ env: { DATABASE_URL: `sqlite:${d}/w.db`, WOLBOT_CONFIG: `${d}/wolbot.yaml`, LOG_LEVEL: 'warn', ...env }, cwd: d, cron: false, port: 0, logStream: quiet(), drainMs: 1000 });
}

const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin-1' };

describe('Teams endpoint authentication', () => {
  let fake: FakeBotConnector;
  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    fake = await new FakeBotConnector().start();
  });
  afterAll(async () => {
    await fake.stop();
    jest.restoreAllMocks();
  });

  it('with MICROSOFT_APP_ID/PASSWORD set, an activity without a token gets 401 and changes nothing', async () => {
    const app = await start(dir(), { MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000aa', MICROSOFT_APP_PASSWORD: 'not-a-real-secret', TEAMS_ALLOW_ANONYMOUS: 'true' });
    try {
      expect(app.platforms).toContain('teams');
      const added = await postActivity(app.url, botAdded(fake.url, ADMIN));
      expect(added.status).toBe(401);
      const cmd = await postActivity(app.url, mentionPost(fake.url, '19:c@thread.tacv2', 'subscribe', ADMIN));
      expect(cmd.status).toBe(401);
      const forged = await postActivity(app.url, mentionPost(fake.url, '19:c@thread.tacv2', 'subscribe', ADMIN), { authorization: 'Bearer not.a.jwt' });
      expect(forged.status).toBe(401);
      expect((await app.store.listChannels()).filter((c) => c.platform === 'teams')).toHaveLength(0);
      expect(fake.calls).toHaveLength(0);
    } finally {
      await app.stop();
    }
  });

  it('a malformed body still gets 400 (before authentication) rather than 500', async () => {
    const app = await start(dir(), { MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000aa', MICROSOFT_APP_PASSWORD: 'x' });
    try {
      // Without a token, or with one that cannot be valid, it is refused before its body is read;
      // with a well-formed one (its signature not yet checked) the shape comes first.
      expect((await postActivity(app.url, { text: 'no type' })).status).toBe(401);
      expect((await postActivity(app.url, { text: 'no type' }, { authorization: 'Bearer a.b.c' })).status).toBe(401);
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const wellFormed = `${part({ alg: 'RS256', kid: 'k1' })}.${part({ aud: '00000000-0000-0000-0000-0000000000aa', exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`;
      expect((await postActivity(app.url, { text: 'no type' }, { authorization: `Bearer ${wellFormed}` })).status).toBe(400);
    } finally {
      await app.stop();
    }
  });

  it('with no app id and no TEAMS_ALLOW_ANONYMOUS the endpoint answers 404', async () => {
    const app = await start(dir(), {});
    try {
      expect(app.platforms).not.toContain('teams');
      expect((await postActivity(app.url, botAdded(fake.url, ADMIN))).status).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('the adapter itself keeps the endpoint closed (404) without an app id unless anonymous is allowed', async () => {
    const inbound = new RecordingInbound();
    const { router, adapter } = createTeamsAdapter({ settings: { allowAnonymous: false }, inbound, logger: silentLogger, clock: systemClock });
    const server = express().use(router).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await postActivity(url, botAdded(fake.url, ADMIN))).status).toBe(404);
      expect(inbound.log).toEqual([]);
      await expect(adapter.postPrompt({ platform: 'teams', channelId: 'x' }, {} as never)).rejects.toMatchObject({ kind: 'permanent' });
    } finally {
      server.close();
    }
  });
});
