/**
 * Teams fan-out: `n` channels in one tenant, through one scheduler tick, against a fake Bot
 * Connector that enforces 7 messages a second per conversation and 50 requests a second per
 * tenant (429 with Retry-After beyond either). Channels are stored as an install would leave them.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startWolbot } from '../src/app';
import { round, tempDir, writeConfig } from './util';

const TENANT = 'tenant-bench';
const TEAM = '19:team-bench@thread.tacv2';

class RateLimitedConnector {
  readonly accepted: { at: number; conversation: string }[] = [];
  readonly refused: number[] = [];
  url = '';
  private server = http.createServer((req, res) => this.route(req, res));
  private windows = new Map<string, number[]>();
  private seq = 1_700_000_000_000;

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** True when one more request fits in the last second's window of `key` (and records it). */
  private fits(key: string, limit: number, now: number): boolean {
    const w = (this.windows.get(key) ?? []).filter((t) => t > now - 1000);
    this.windows.set(key, w);
    return w.length < limit;
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const url = (req.url ?? '').split('?')[0];
      const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(url);
      const conversation = m ? decodeURIComponent(m[1]) : body.channelData?.channel?.id ?? 'unknown';
      const tenant = body.tenantId ?? body.channelData?.tenant?.id ?? body.conversation?.tenantId ?? TENANT;
      if (!this.fits(`t:${tenant}`, 50, now) || !this.fits(`c:${conversation}`, 7, now)) {
        this.refused.push(now);
        res.writeHead(429, { 'content-type': 'application/json', 'Retry-After': '1' });
        return void res.end(JSON.stringify({ error: { code: 'Throttled', message: 'too many requests' } }));
      }
      this.windows.get(`t:${tenant}`)!.push(now);
      this.windows.get(`c:${conversation}`)!.push(now);
      this.accepted.push({ at: now, conversation });
      const id = String(++this.seq);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(m ? { id } : { id: `${conversation};messageid=${id}`, activityId: id }));
    });
  }
}

export async function teamsFanOut(n: number) {
  const dir = tempDir('teams');
  const fake = await new RateLimitedConnector().start();
  writeConfig(dir, [], new Date(), []);
  const log = fs.createWriteStream(path.join(dir, 'log.ndjson'));
  const app = await startWolbot({
    env: { PATH: process.env.PATH, DATABASE_URL: `sqlite:${path.join(dir, 'wolbot.db')}`, WOLBOT_CONFIG: path.join(dir, 'wolbot.yaml'), LOG_LEVEL: 'error', TEAMS_ALLOW_ANONYMOUS: 'true', WEB_TOKEN: 'bench-web-token-0123456789abcdef' },
    cwd: dir, cron: false, port: 0, logStream: log,
  });
  try {
    const now = new Date(Date.now() - 3600_000);
    for (let i = 1; i <= n; i++) {
      const channelId = `19:bench${String(i).padStart(5, '0')}@thread.tacv2`;
      await app.store.saveChannel(
        {
          platform: 'teams', channelId, workspaceId: TENANT, groupId: TEAM, name: `bench ${i}`, timezone: null, time: null, active: true, paused: false,
          source: 'subscribed', inactiveReason: null,
          reference: { serviceUrl: fake.url, tenantId: TENANT, teamId: TEAM, channelId, channelName: `bench ${i}`, teamName: 'Bench', botId: '28:bench-bot', botName: 'wolbot', conversationType: 'channel' },
        },
        now,
      );
    }
    const started = Date.now();
    await app.tick();
    const tickSeconds = (Date.now() - started) / 1000;
    const threads = fake.accepted.length;
    const first = Math.min(fake.accepted[0]?.at ?? Infinity, fake.refused[0] ?? Infinity);
    const last = fake.accepted[fake.accepted.length - 1]?.at ?? first;
    const seconds = (last - first) / 1000;
    const rate = seconds > 0 ? (threads - 1) / seconds : NaN;
    const sent = (await app.store.listDeliveries({ platform: 'teams', states: ['sent'] })).length;
    return {
      channels: n,
      posted: threads,
      sentInLedger: sent,
      refused: fake.refused.length,
      refusedShare: round(fake.refused.length / Math.max(1, threads + fake.refused.length), 4),
      seconds: round(seconds),
      tickSeconds: round(tickSeconds),
      postsPerSecond: round(rate),
      shareOfTenantLimit: round(rate / 50, 3),
    };
  } finally {
    await app.stop();
    await fake.stop();
    log.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
