/**
 * A small fake of Slack's Web API on 127.0.0.1 for tests: form-encoded (or JSON) bodies, with
 * `blocks`/`metadata` decoded from their JSON strings; every call recorded; scriptable failures
 * (429 with Retry-After, HTTP 5xx, Slack errors, hanging requests). Also serves response_url posts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  method: string;
  args: Record<string, any>;
  token?: string;
}

export interface FakeMessage {
  ts: string;
  channel: string;
  text?: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  subtype?: string;
  edited?: { user: string; ts: string };
  [k: string]: unknown;
}

export type Failure =
  | { kind: 'error'; error: string }
  | { kind: 'ratelimit'; retryAfter: number }
  | { kind: 'status'; status: number }
  /** Never answer. `commit`: the message is posted first (the request "reached Slack"). */
  | { kind: 'hang'; commit?: boolean }
  /** Cut the connection without an answer. */
  | { kind: 'drop' };

interface Script {
  method: string;
  failure: Failure;
  times: number;
  match?: (args: Record<string, any>) => boolean;
}

export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly responses: { path: string; body: any }[] = [];
  readonly channels = new Map<string, { name: string; is_member: boolean; team?: string; is_private?: boolean }>();
  /** Who is in a channel, as conversations.members lists it (two to a page, so paging is exercised). */
  readonly members = new Map<string, string[]>();
  tokens = new Set(['xoxb-test']);
  /** Display names users.info gives (others get `Person <id>` as their real name and no display name). */
  readonly userNames = new Map<string, string>();
  /** Time zones users.info gives (`tz`, as in a Slack profile); others have none. */
  readonly userZones = new Map<string, string>();
  /** Group DMs conversations.open made for several users (id → the users, sorted). */
  readonly groups = new Map<string, string[]>();
  team = { id: 'T0TEAM', name: 'Test Team' };
  bot = { userId: 'UBOT', botId: 'BBOT' };
  /** Socket Mode: app-level tokens accepted by apps.connections.open, and the URL it hands out. */
  appTokens = new Set(['xapp-test']);
  socketUrl = '';
  /**
   * Multi-workspace: OAuth codes `oauth.v2.access` exchanges, and the workspace each bot token
   * belongs to (a channel with a `team` refuses posts made with another workspace's token).
   */
  readonly oauthCodes = new Map<string, { team: { id: string; name: string }; token: string; botUserId: string; botId: string }>();
  readonly workspaces = new Map<string, { team: { id: string; name: string }; botUserId: string; botId: string }>();
  oauthClient = { id: 'client-id-test', secret: 'client-secret-test' };
  url = '';
  base = '';
  /** Every answer waits this long (a real Slack takes ~150 ms for chat.postMessage). */
  latencyMs = 0;
  private server?: http.Server;
  private scripts: Script[] = [];
  private seq = 0;
  private hung: http.ServerResponse[] = [];
  private hangWaiters: ((c: FakeCall) => void)[] = [];

  /**
   * Slack's size rules for chat.postMessage, as Slack staff describe them: at most 50 blocks, a
   * header's text 150 characters, any one text 3,000, all block text together ~12,000
   * (`msg_blocks_too_long`), the top-level text 40,000 (`msg_too_long`). Counted in code points.
   */
  limits = { blocks: 50, headerChars: 150, textChars: 3000, blockTextChars: 12_000, messageTextChars: 40_000 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Slack's error for a message too big to take, or null. */
  private sizeProblem(args: Record<string, any>): string | null {
    const chars = (t: string) => [...t].length;
    if (typeof args.text === 'string' && chars(args.text) > this.limits.messageTextChars) return 'msg_too_long';
    const blocks: any[] = Array.isArray(args.blocks) ? args.blocks : [];
    if (blocks.length > this.limits.blocks) return 'invalid_blocks';
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'text' && typeof x === 'string') texts.push(x);
          else walk(x);
        }
      }
    };
    walk(blocks);
    if (blocks.some((b) => b?.type === 'header' && chars(String(b.text?.text ?? '')) > this.limits.headerChars)) return 'invalid_blocks';
    if (texts.some((t) => chars(t) > this.limits.textChars)) return 'invalid_blocks';
    if (texts.reduce((n, t) => n + chars(t), 0) > this.limits.blockTextChars) return 'msg_blocks_too_long';
    return null;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.route(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    this.url = `${this.base}/api/`;
    return this;
  }

  /** Refuse connections (the port closes: ECONNREFUSED) until accept() is called. */
  async refuse(): Promise<void> {
    if (!this.server?.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** Listen again on the same port after refuse(). */
  async accept(): Promise<void> {
    if (this.server?.listening) return;
    const port = Number(new URL(this.base).port);
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
  }

  async stop(): Promise<void> {
    for (const r of this.hung) r.destroy();
    this.hung = [];
    if (!this.server?.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** Fail the next `times` calls of `method` (that `match`) this way. */
  fail(method: string, failure: Failure, opts: { times?: number; match?: (args: Record<string, any>) => boolean } = {}): void {
    this.scripts.push({ method, failure, times: opts.times ?? 1, match: opts.match });
  }

  /** Resolves with the next call that gets hung. */
  nextHang(): Promise<FakeCall> {
    return new Promise((r) => this.hangWaiters.push(r));
  }

  responseUrl(id = 'r1'): string {
    return `${this.base}/response/${id}`;
  }

  callsOf(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Posts that landed (bot messages created by chat.postMessage, by any of our bots). */
  posts(channel?: string): FakeMessage[] {
    const bots = new Set([this.bot.botId, ...[...this.workspaces.values()].map((w) => w.botId)]);
    return this.messages.filter((m) => !!m.bot_id && bots.has(m.bot_id) && (!channel || m.channel === channel));
  }

  /** Day prompts that landed (posts carrying `wol_prompt` metadata; kick-offs and digests do not). */
  prompts(channel?: string): FakeMessage[] {
    return this.posts(channel).filter((m) => m.metadata?.event_type === 'wol_prompt');
  }

  nextTs(): string {
    this.seq++;
    const sec = Math.floor(this.now() / 1000);
    return `${sec}.${String(this.seq).padStart(6, '0')}`;
  }

  /** A person's message, as Slack would hold it (for conversations.replies/history). */
  addMessage(m: Omit<FakeMessage, 'ts'> & { ts?: string }): FakeMessage {
    const msg = { ...m, ts: m.ts ?? this.nextTs() } as FakeMessage;
    this.messages.push(msg);
    return msg;
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').split('?')[0];
      if (path.startsWith('/response/')) {
        this.responses.push({ path, body: safeJson(raw) });
        return json(res, 200, { ok: true });
      }
      if (!path.startsWith('/api/')) return json(res, 404, { ok: false, error: 'unknown_path' });
      const method = path.slice(5);
      const args = parseBody(raw, req.headers['content-type']);
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (args.token as string | undefined);
      const call: FakeCall = { method, args, token };
      this.calls.push(call);
      if (this.latencyMs > 0) setTimeout(() => this.answer(call, res), this.latencyMs);
      else this.answer(call, res);
    });
  }

  private answer(call: FakeCall, res: http.ServerResponse): void {
    const i = this.scripts.findIndex((s) => s.method === call.method && s.times > 0 && (!s.match || s.match(call.args)));
    if (i >= 0) {
      const s = this.scripts[i];
      s.times--;
      const f = s.failure;
      switch (f.kind) {
        case 'error':
          return json(res, 200, { ok: false, error: f.error });
        case 'ratelimit':
          res.writeHead(429, { 'Retry-After': String(f.retryAfter), 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        case 'status':
          return json(res, f.status, { ok: false, error: 'server_error' });
        case 'drop':
          return void res.socket?.destroy();
        case 'hang':
          if (f.commit) this.handle(call);
          this.hung.push(res);
          for (const w of this.hangWaiters.splice(0)) w(call);
          return;
      }
    }
    const out = this.handle(call);
    json(res, 200, out);
  }

  /** Make `code` exchangeable once for an installation of `team` with this bot token. */
  addOAuthCode(code: string, team: { id: string; name: string }, token: string, bot = { userId: `UBOT${team.id}`, botId: `BBOT${team.id}` }): void {
    this.oauthCodes.set(code, { team, token, botUserId: bot.userId, botId: bot.botId });
  }

  /** Which bot id posts with `token` (multi-workspace installs have one bot user per workspace). */
  private botOf(token: string | undefined): { userId: string; botId: string; team: { id: string; name: string } } {
    const ws = token ? this.workspaces.get(token) : undefined;
    return ws ? { userId: ws.botUserId, botId: ws.botId, team: ws.team } : { ...this.bot, team: this.team };
  }

  private handle({ method, args, token }: FakeCall): Record<string, unknown> {
    if (method === 'apps.connections.open') {
      if (!token || !this.appTokens.has(token)) return { ok: false, error: 'invalid_auth' };
      return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'internal_error' };
    }
    if (method === 'oauth.v2.access') {
      if (args.client_id !== this.oauthClient.id || args.client_secret !== this.oauthClient.secret) return { ok: false, error: 'invalid_client_id' };
      const grant = this.oauthCodes.get(String(args.code));
      if (!grant) return { ok: false, error: 'invalid_code' };
      this.oauthCodes.delete(String(args.code)); // a code is good once
      this.tokens.add(grant.token);
      this.workspaces.set(grant.token, { team: grant.team, botUserId: grant.botUserId, botId: grant.botId });
      return {
        ok: true,
        app_id: 'A0APP',
        authed_user: { id: 'UINSTALLER' },
        scope: String(args.scope ?? 'chat:write,commands'),
        token_type: 'bot',
        access_token: grant.token,
        bot_user_id: grant.botUserId,
        team: grant.team,
        enterprise: null,
        is_enterprise_install: false,
      };
    }
    if (method === 'api.test') return { ok: true, args }; // needs no token (reachability)
    if (!token || !this.tokens.has(token)) return { ok: false, error: 'invalid_auth' };
    const ch = (id: string) => this.channels.get(id);
    const me = this.botOf(token);
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', team: me.team.name, team_id: me.team.id, user: 'wolbot', user_id: me.userId, bot_id: me.botId };
      case 'chat.postMessage': {
        const c = ch(args.channel);
        if (c?.team && c.team !== me.team.id) return { ok: false, error: 'channel_not_found' };
        if (c && !c.is_member) return { ok: false, error: 'not_in_channel' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        const refused = this.sizeProblem(args);
        if (refused) return { ok: false, error: refused };
        const msg: FakeMessage = {
          ts: this.nextTs(),
          channel: args.channel,
          text: args.text,
          blocks: args.blocks,
          metadata: args.metadata,
          thread_ts: args.thread_ts,
          user: me.userId,
          bot_id: me.botId,
          type: 'message',
        };
        this.messages.push(msg);
        return { ok: true, channel: args.channel, ts: msg.ts, message: msg };
      }
      case 'conversations.history': {
        const oldest = args.oldest ? Number(args.oldest) : 0;
        const latest = args.latest ? Number(args.latest) : Infinity;
        const limit = Number(args.limit ?? 100);
        const metadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
        const found = this.messages
          .filter((m) => m.channel === args.channel && (!m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast'))
          .filter((m) => Number(m.ts) >= oldest && Number(m.ts) <= latest)
          .sort((a, b) => Number(b.ts) - Number(a.ts));
        const page = found.slice(0, limit).map((m) => (metadata ? m : { ...m, metadata: undefined }));
        return { ok: true, messages: page, has_more: found.length > limit, response_metadata: { next_cursor: '' } };
      }
      case 'conversations.replies': {
        const thread = this.messages
          .filter((m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts))
          .sort((a, b) => Number(a.ts) - Number(b.ts));
        if (thread.length === 0) return { ok: false, error: 'thread_not_found' };
        // Paginated like Slack: `limit` per page, an opaque cursor to the next one.
        const limit = Math.max(1, Number(args.limit ?? 1000));
        const start = args.cursor ? Number(String(args.cursor).replace(/^page:/, '')) : 0;
        const page = thread.slice(start, start + limit);
        const more = start + limit < thread.length;
        return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? `page:${start + limit}` : '' } };
      }
      case 'conversations.info': {
        const c = ch(args.channel);
        if (!c || (c.team && c.team !== me.team.id)) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: { id: args.channel, name: c.name, is_member: c.is_member, is_channel: true, is_private: c.is_private === true, context_team_id: c.team ?? me.team.id } };
      }
      case 'conversations.members': {
        const c = ch(args.channel);
        if (!c || (c.team && c.team !== me.team.id)) return { ok: false, error: 'channel_not_found' };
        const all = this.members.get(String(args.channel)) ?? [];
        const start = args.cursor ? Number(String(args.cursor).replace(/^page:/, '')) : 0;
        const more = start + 2 < all.length;
        return { ok: true, members: all.slice(start, start + 2), response_metadata: { next_cursor: more ? `page:${start + 2}` : '' } };
      }
      case 'chat.update': {
        // Our own message, edited in place (forget me rewrites a digest or wrap-up).
        const m = this.messages.find((x) => x.channel === args.channel && x.ts === args.ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        if (m.bot_id !== me.botId) return { ok: false, error: 'cant_update_message' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        m.text = args.text;
        m.blocks = args.blocks;
        return { ok: true, channel: args.channel, ts: m.ts, text: m.text };
      }
      case 'chat.getPermalink': {
        const m = this.messages.find((x) => x.channel === args.channel && x.ts === args.message_ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        const p = `https://test.slack.com/archives/${m.channel}/p${m.ts.replace('.', '')}`;
        return { ok: true, channel: m.channel, permalink: m.thread_ts && m.thread_ts !== m.ts ? `${p}?thread_ts=${m.thread_ts}&cid=${m.channel}` : p };
      }
      case 'conversations.open': {
        const users = String(args.users ?? '').split(',').map((u) => u.trim()).filter(Boolean).sort();
        if (users.length === 0) return { ok: false, error: 'users_list_not_supplied' };
        if (users.length === 1) return { ok: true, channel: { id: `D${users[0]!.replace(/^U/, '')}` } };
        // As Slack: the same people get the same group DM back (the bot is in it).
        const found = [...this.groups].find(([, members]) => members.join(',') === users.join(','));
        if (found) return { ok: true, already_open: true, channel: { id: found[0] } };
        const id = `G${String(this.groups.size + 1).padStart(6, '0')}`;
        this.groups.set(id, users);
        return { ok: true, channel: { id } };
      }
      case 'users.info': {
        const real = `Person ${args.user}`;
        const display = this.userNames.get(String(args.user)) ?? '';
        const tz = this.userZones.get(String(args.user));
        return { ok: true, user: { id: args.user, name: String(args.user).toLowerCase(), real_name: real, team_id: this.team.id, ...(tz ? { tz } : {}), profile: { display_name: display, real_name: real } } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function safeJson(raw: string): any {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The WebClient's bodies: form-encoded, object values (blocks, metadata) as JSON strings. */
export function parseBody(raw: string, contentType?: string): Record<string, any> {
  if (contentType?.includes('application/json')) return (safeJson(raw) as Record<string, any>) ?? {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = ['blocks', 'metadata', 'attachments'].includes(k) ? safeJson(v) : v === 'true' ? true : v === 'false' ? false : v;
  }
  return out;
}
