/**
 * A fake Slack Web API for the benchmark: a workspace budget of `limit` posts in any second
 * (a 429 with Retry-After beyond it), optionally a 429 on every channel's first post (Slack's
 * per-channel limit), and a record of when each post landed. Unlike the tests' fake it keeps no
 * more than the benchmark needs, so it stays cheap at thousands of posts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBody } from '../tests/fakes/slack-api';

export interface BenchPost {
  channel: string;
  ts: string;
  at: number;
  day?: number;
  thread_ts?: string;
}

export interface FakeSlackOptions {
  /** Accepted chat.postMessage calls in any 1,000 ms window (0: no limit). */
  limit?: number;
  /** Answer each channel's first post 429 with this Retry-After (seconds). */
  firstPostRetryAfter?: number;
}

export class BenchSlack {
  readonly posts: BenchPost[] = [];
  /** Every chat.postMessage request, with its arrival time and whether it was refused. */
  readonly requests: { at: number; refused: boolean }[] = [];
  url = '';
  private server?: http.Server;
  private window: number[] = [];
  private stormed = new Set<string>();
  private seq = 0;

  constructor(private readonly opts: FakeSlackOptions = {}) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.route(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  get refused(): number {
    return this.requests.filter((r) => r.refused).length;
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('?')[0].replace(/^\/api\//, '');
      const args = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      if (method === 'auth.test') return json(res, 200, { ok: true, team: 'Bench', team_id: 'T0BENCH', user: 'wolbot', user_id: 'UBOT', bot_id: 'BBOT' });
      // Every member has a name, as in a real workspace (a nameless one would be looked up again on each reply).
      if (method === 'users.info') return json(res, 200, { ok: true, user: { id: args.user, name: `member-${args.user}`, profile: { display_name: `Member ${args.user}` } } });
      if (method === 'conversations.history' || method === 'conversations.replies') return json(res, 200, { ok: true, messages: [], has_more: false });
      if (method !== 'chat.postMessage') return json(res, 200, { ok: true });
      this.post(String(args.channel), args, res);
    });
  }

  private post(channel: string, args: Record<string, any>, res: http.ServerResponse): void {
    const now = Date.now();
    const refuse = (retryAfter: number) => {
      this.requests.push({ at: now, refused: true });
      res.writeHead(429, { 'Retry-After': String(retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    };
    if (this.opts.firstPostRetryAfter && !this.stormed.has(channel)) {
      this.stormed.add(channel);
      return refuse(this.opts.firstPostRetryAfter);
    }
    if (this.opts.limit) {
      while (this.window.length && this.window[0] <= now - 1000) this.window.shift();
      if (this.window.length >= this.opts.limit) return refuse(1);
      this.window.push(now);
    }
    this.requests.push({ at: now, refused: false });
    const ts = `${Math.floor(now / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    const day = args.metadata?.event_payload?.day;
    this.posts.push({ channel, ts, at: now, day: typeof day === 'number' ? day : day ? Number(day) : undefined, thread_ts: args.thread_ts });
    json(res, 200, { ok: true, channel, ts, message: { ts, bot_id: 'BBOT', user: 'UBOT', text: args.text } });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
