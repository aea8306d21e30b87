/**
 * A part that fails to start (port, store) closes what was already opened and the process exits 1
 * with one line saying what failed — it neither hangs nor serves half. An unreachable Slack is not
 * such a failure: the bot starts and serves.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SERVER } from '../helpers/cli';
import { FakeSlack } from '../fakes/slack-api';
import { slackChannels, dueNowConfig } from './due-config';
import { killQuietly, startServer } from './server';
import { slackEnv } from './slack-posts';

function run(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVER], { cwd, env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('start-up failure', () => {
  let dir = '';
  let fake: FakeSlack;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-startfail-'));
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), dueNowConfig(slackChannels(2)));
    fake = await new FakeSlack().start();
  });
  afterAll(async () => {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('port in use: the store and Slack are closed again, exit 1 with one line', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, r));
    const { port } = blocker.address() as AddressInfo;
    try {
      const res = await run(dir, { DATABASE_URL: 'sqlite:w.db', WOLBOT_CONFIG: 'wolbot.yaml', ...slackEnv(fake), PORT: String(port) });
      expect(res.code).toBe(1);
      const lines = res.stderr.split('\n').filter((l) => l.startsWith('wolbot'));
      expect(lines).toEqual([`wolbot cannot start: port ${port} is already in use (all interfaces, port ${port}): stop the other process or set PORT`]);
      expect(res.stderr).not.toMatch(/still open/); // it exited because nothing held it, not by the safety net
      expect(res.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    } finally {
      blocker.close();
    }
  }, 60_000);

  test('store cannot be opened: exit 1 with one line naming DATABASE_URL, password hidden', async () => {
    const res = await run(dir, { DATABASE_URL: 'postgres://wolbot:s3cret-pw@127.0.0.1:1/wolbot', WOLBOT_CONFIG: 'wolbot.yaml', ...slackEnv(fake), PORT: '0' });
    expect(res.code).toBe(1);
    const lines = res.stderr.split('\n').filter((l) => l.startsWith('wolbot'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^wolbot cannot start: cannot open the store postgres:\/\/wolbot:\*\*\*@127\.0\.0\.1:1\/wolbot \(DATABASE_URL\): .*ECONNREFUSED/);
    expect(res.stderr + res.stdout).not.toContain('s3cret-pw');
    expect(res.stderr).not.toMatch(/still open/);
  }, 60_000);

  test('Slack unreachable is not a start-up failure: the bot starts and serves', async () => {
    await fake.refuse();
    const p = await startServer(dir, { DATABASE_URL: 'sqlite:w2.db', WOLBOT_CONFIG: 'wolbot.yaml', ...slackEnv(fake) });
    try {
      const health = await fetch(`${p.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, connections: { slack: 'retrying' } });
    } finally {
      await killQuietly(p);
      await fake.accept();
    }
  }, 60_000);
});
