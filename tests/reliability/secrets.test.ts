/**
 * Secrets never reach logs or CLI output: a full run with every kind of failure we can provoke
 * (failed posts, forged and malformed requests, wrong web token) is captured and searched.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { FakeSlack } from '../fakes/slack-api';
import { runCli } from '../helpers/cli';
import { postToSlackEndpoint } from '../helpers/slack-sign';
import { dueNowConfig } from './due-config';
import { postJson, startHarness } from './app-harness';

const SECRETS = {
  SLACK_SIGNING_SECRET: 'sigsecret-7f3a9c2e51d8',
  SLACK_BOT_TOKEN: 'xoxb-secret-bot-token-9d8e7f',
  WEB_TOKEN: 'webtoken-secret-4b5c6d7e',
  WOLBOT_SECRET_KEY: 'secretkey-0a1b2c3d4e5f6a7b8c9d',
};

function leaked(text: string): string[] {
  return Object.entries(SECRETS).filter(([, v]) => text.includes(v)).map(([k]) => k);
}

describe('secrets stay out of logs and output', () => {
  test('.env is ignored by git', () => {
    const ignore = fs.readFileSync(path.resolve(__dirname, '../../.gitignore'), 'utf8').split(/\r?\n/).map((l) => l.trim());
    expect(ignore).toContain('.env');
  });

  test('a full run with failing posts and bad requests logs no secret (debug level)', async () => {
    const fake = await new FakeSlack().start();
    fake.tokens.add(SECRETS.SLACK_BOT_TOKEN);
    // Two channels fail for good (transient failures would wait out real backoff here); the rest post.
    fake.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' }, { match: (a) => a.channel === 'C0GONE', times: 5 });
    fake.fail('chat.postMessage', { kind: 'error', error: 'is_archived' }, { match: (a) => a.channel === 'C0ARCH', times: 5 });
    const h = await startHarness(['slack:C0OK', 'slack:C0GONE', 'slack:C0ARCH', 'local:general'], { ...SECRETS, SLACK_API_URL: fake.url });
    try {
      const url = h.app.url;
      await postToSlackEndpoint(`${url}/slack/events`, 'wrong-secret', { type: 'event_callback', event: { type: 'message' }, event_id: 'Ev1' });
      await postToSlackEndpoint(`${url}/slack/events`, SECRETS.SLACK_SIGNING_SECRET, '{not json');
      await fetch(`${url}/slack/events`, { method: 'POST', headers: { authorization: `Bearer ${SECRETS.SLACK_BOT_TOKEN}` }, body: 'x' });
      await fetch(`${url}/v1/export?token=wrong-${SECRETS.WEB_TOKEN}`);
      const ok = await fetch(`${url}/v1/status`, { headers: { authorization: `Bearer ${SECRETS.WEB_TOKEN}` } });
      expect(ok.status).toBe(200);
      await postJson(`${url}/v1/replies`, '{', { authorization: `Bearer ${SECRETS.WEB_TOKEN}` });
      // The failures really happened and were logged.
      const log = h.log();
      expect(log).toMatch(/channel_not_found/);
      expect(log).toMatch(/"level":40/);
      expect(leaked(log)).toEqual([]);
    } finally {
      await h.close();
      await fake.stop();
    }
    expect(leaked(h.log())).toEqual([]);
  }, 60_000);

  test("the CLI's stdout and stderr of failing runs hold no secret", async () => {
    const fake = await new FakeSlack().start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-secrets-cli-'));
    try {
      fs.writeFileSync(path.join(dir, 'wolbot.yaml'), dueNowConfig(['slack:C0CLI']));
      // The bot token is not one the fake knows: every Slack call fails with invalid_auth.
      const env = { ...SECRETS, SLACK_API_URL: fake.url, DATABASE_URL: 'sqlite:w.db', WOLBOT_CONFIG: 'wolbot.yaml', LOG_LEVEL: 'debug' };
      const runs = [
        await runCli(['post', '--day', '1'], { cwd: dir, env }),
        await runCli(['status'], { cwd: dir, env }),
        await runCli(['post', '--day', '1'], { cwd: dir, env: { ...env, DATABASE_URL: 'postgres://wolbot:pg-secret-password-77@127.0.0.1:1/nowhere' } }),
        await runCli(['check', '--config', 'missing.yaml'], { cwd: dir, env }),
      ];
      expect(runs[2]!.code).toBe(1);
      for (const r of runs) {
        expect(leaked(r.stdout + r.stderr)).toEqual([]);
        expect(r.stdout + r.stderr).not.toContain('pg-secret-password-77');
      }
      expect(runs.some((r) => /invalid_auth|not_authed|failed/i.test(r.stdout + r.stderr))).toBe(true);
    } finally {
      await fake.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
