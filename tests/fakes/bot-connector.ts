import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small fake Bot Connector (the service behind an activity's serviceUrl) on 127.0.0.1:
 * create conversation, send to conversation, reply to activity, update, delete, and the Teams
 * extension's channel list (`GET /v3/teams/{teamId}/conversations`, from `teamChannels`).
 * Conversation ids arrive URL-encoded; answers are JSON `{id}`. Records every call; failures can
 * be scripted per call kind.
 */
export type CallKind = 'createConversation' | 'sendToConversation' | 'replyToActivity' | 'updateActivity' | 'deleteActivity' | 'fetchChannelList' | 'getConversationMembers';

export interface ConnectorCall {
  kind: CallKind;
  method: string;
  path: string;
  /** Decoded conversation id (absent for createConversation); the team id for fetchChannelList. */
  conversationId?: string;
  activityId?: string;
  authorization?: string;
  body: any;
  /** What the fake answered (status and JSON). */
  status?: number;
  response?: any;
}

export interface ScriptedFailure {
  kind?: CallKind;
  status: number;
  headers?: Record<string, string>;
  /** Never answer (the client's timeout fires). */
  hang?: boolean;
}

export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private readonly server: http.Server;
  private readonly hanging = new Set<http.ServerResponse>();
  private seq = 1_700_000_000_000;
  url = '';
  /**
   * What `GET /v3/teams/{teamId}/conversations` lists per team; a team not set here lists only its
   * General channel (id = team id, no name), as Teams does.
   */
  readonly teamChannels = new Map<string, { id: string; name?: string }[]>();
  /** The largest body Teams takes, in bytes as UTF-16 (Microsoft recommends staying within 80 KB). */
  bodyLimitUtf16Bytes = 80_000;
  /** Who `GET /v3/conversations/{id}/members` lists per conversation (a channel: the people who can open it); none when not set. */
  readonly rosters = new Map<string, { id: string; aadObjectId?: string; name?: string }[]>();

  constructor() {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next matching call fails once with this status. */
  failNext(f: ScriptedFailure): void {
    this.failures.push(f);
  }

  of(kind: CallKind): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === kind);
  }

  /** Threads opened for a day's prompt (not the kick-off, which says how to take words back). */
  promptThreads(): ConnectorCall[] {
    // Kick-offs say how to take words back (or that nothing is collected); a card carries it, not `text`.
    return this.of('createConversation').filter((c) => !/forget me|collects nothing/.test(JSON.stringify(c.body?.activity ?? {})));
  }

  /** Every text the bot sent into a conversation (sends and replies). */
  textsIn(conversationId: string): string[] {
    return this.calls
      .filter((c) => c.conversationId === conversationId && (c.kind === 'sendToConversation' || c.kind === 'replyToActivity'))
      .map((c) => String(c.body?.text ?? ''));
  }

  private nextId(): string {
    return String(++this.seq);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const method = req.method ?? 'GET';
      const t = /^\/v3\/teams\/([^/]+)\/conversations\/?$/.exec(path);
      const r = /^\/v3\/conversations\/([^/]+)\/members\/?$/.exec(path);
      const m = t || r ? null : /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
      if (!m && !t && !r) return send(res, 404, { error: { code: 'NotFound', message: path } });
      const conversationId = t ? decodeURIComponent(t[1]) : r ? decodeURIComponent(r[1]) : m![1] ? decodeURIComponent(m![1]) : undefined;
      const activityId = m?.[2] ? decodeURIComponent(m[2]) : undefined;
      let kind: CallKind;
      if (r && method === 'GET') kind = 'getConversationMembers';
      else if (r) return send(res, 405, { error: { code: 'MethodNotAllowed' } });
      else if (t && method === 'GET') kind = 'fetchChannelList';
      else if (t) return send(res, 405, { error: { code: 'MethodNotAllowed' } });
      else if (!conversationId && method === 'POST') kind = 'createConversation';
      else if (conversationId && !activityId && method === 'POST') kind = 'sendToConversation';
      else if (activityId && method === 'POST') kind = 'replyToActivity';
      else if (activityId && method === 'PUT') kind = 'updateActivity';
      else if (activityId && method === 'DELETE') kind = 'deleteActivity';
      else return send(res, 405, { error: { code: 'MethodNotAllowed' } });
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        return send(res, 400, { error: { code: 'BadSyntax' } });
      }
      const call: ConnectorCall = { kind, method, path, conversationId, activityId, authorization: req.headers.authorization, body };
      this.calls.push(call);
      const json = (r: http.ServerResponse, status: number, b: unknown) => {
        call.status = status;
        call.response = b;
        send(r, status, b);
      };

      // Teams refuses a message body over its limit, counted as UTF-16 (JSON text: 2 bytes a unit).
      if (kind !== 'fetchChannelList' && raw.length * 2 > this.bodyLimitUtf16Bytes) {
        return json(res, 413, { error: { code: 'MessageSizeTooBig', message: 'Message size too big' } });
      }
      const i = this.failures.findIndex((f) => !f.kind || f.kind === kind);
      if (i >= 0) {
        const [f] = this.failures.splice(i, 1);
        if (f.hang) {
          this.hanging.add(res);
          return;
        }
        call.status = f.status;
        res.writeHead(f.status, { 'content-type': 'application/json', ...(f.headers ?? {}) });
        return void res.end(JSON.stringify({ error: { code: `Http${f.status}`, message: 'scripted failure' } }));
      }
      if (kind === 'getConversationMembers') return json(res, 200, this.rosters.get(conversationId as string) ?? []);
      if (kind === 'fetchChannelList') {
        const team = conversationId as string;
        return json(res, 200, { conversations: this.teamChannels.get(team) ?? [{ id: team }] });
      }
      const id = this.nextId();
      if (kind === 'createConversation') {
        const b = body as { isGroup?: boolean; channelData?: { channel?: { id?: string } } } | null;
        // A 1:1 chat with one person (isGroup false, no channel): its own conversation id.
        if (b?.isGroup === false && !b.channelData?.channel?.id) return json(res, 201, { id: `a:personal-${id}` });
        const channel = b?.channelData?.channel?.id ?? `a:${id}`;
        return json(res, 201, { id: `${channel};messageid=${id}`, activityId: id });
      }
      if (kind === 'deleteActivity') return json(res, 200, {});
      return json(res, kind === 'updateActivity' ? 200 : 201, { id: kind === 'updateActivity' ? activityId : id });
    });
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/* ---------- Teams-shaped activities, after Microsoft's documented examples ---------- */

export const BOT = { id: '28:00000000-0000-0000-0000-00000000b07', name: 'wolbot' };
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TEAM = '19:team-general@thread.tacv2'; // a team's id is its General channel's id

export interface Person {
  id: string;
  aadObjectId?: string;
  name?: string;
}

let counter = 0;
export function activityId(): string {
  return String(1_600_000_000_000 + ++counter);
}

function base(serviceUrl: string, channel: string, conversationId: string, from: Person) {
  return {
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: conversationId },
    channelData: {
      teamsChannelId: channel,
      teamsTeamId: TEAM,
      channel: { id: channel },
      team: { id: TEAM },
      tenant: { id: TENANT },
    },
  };
}

export function botAdded(serviceUrl: string, by: Person) {
  const a = base(serviceUrl, TEAM, TEAM, by);
  return {
    ...a,
    type: 'conversationUpdate',
    id: `f:${activityId()}`,
    membersAdded: [{ id: BOT.id }],
    channelData: { ...a.channelData, team: { id: TEAM, name: 'Marketing' }, eventType: 'teamMemberAdded' },
  };
}

/** The installationUpdate Teams sends beside conversationUpdate when the app is added to or removed from a team. */
export function installation(serviceUrl: string, action: 'add' | 'remove', by: Person) {
  return {
    type: 'installationUpdate',
    action,
    id: `f:${activityId()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: by,
    recipient: BOT,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: TEAM },
    channelData: { settings: { selectedChannel: { id: TEAM } }, team: { id: TEAM, name: 'Marketing' }, tenant: { id: TENANT }, source: { name: 'message' } },
  };
}

/** A message in the 1:1 chat between a person and the bot (no mention needed there). */
export function personalMessage(serviceUrl: string, text: string, from: Person) {
  const id = activityId();
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: `a:1personal-${from.id}` },
    channelData: { tenant: { id: TENANT } },
    textFormat: 'plain',
    text,
    entities: [{ type: 'clientInfo', locale: 'en-GB' }],
  };
}

export function botRemoved(serviceUrl: string, by: Person) {
  const a = base(serviceUrl, TEAM, TEAM, by);
  return { ...a, type: 'conversationUpdate', id: `f:${activityId()}`, membersRemoved: [{ id: BOT.id }], channelData: { ...a.channelData, eventType: 'teamMemberRemoved' } };
}

export function channelEvent(serviceUrl: string, eventType: 'channelCreated' | 'channelRenamed' | 'channelDeleted', channel: string, name: string, by: Person) {
  const a = base(serviceUrl, channel, TEAM, by);
  return { ...a, type: 'conversationUpdate', id: `f:${activityId()}`, channelData: { ...a.channelData, channel: { id: channel, name }, eventType } };
}

/** A new post in a channel that @mentions the bot: its conversation id is its own new thread. */
export function mentionPost(serviceUrl: string, channel: string, words: string, from: Person) {
  const id = activityId();
  const at = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, channel, `${channel};messageid=${id}`, from),
    type: 'message',
    id,
    textFormat: 'plain',
    text: `${at} ${words}`,
    entities: [{ type: 'mention', text: at, mentioned: BOT }, { type: 'clientInfo', locale: 'en-GB' }],
  };
}

/** A reply in an existing thread (`;messageid=<root>`), with or without the bot's mention. */
export function threadReply(serviceUrl: string, channel: string, root: string, text: string, from: Person, mention = false) {
  const id = activityId();
  const at = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, channel, `${channel};messageid=${root}`, from),
    type: 'message',
    id,
    replyToId: root,
    textFormat: 'plain',
    text: mention ? `${at} ${text}` : text,
    entities: mention ? [{ type: 'mention', text: at, mentioned: BOT }] : [],
  };
}

export function edited(reply: ReturnType<typeof threadReply>, newText: string) {
  return { ...reply, type: 'messageUpdate', text: newText, timestamp: new Date(Date.now() + 1000).toISOString(), channelData: { ...reply.channelData, eventType: 'editMessage' } };
}

export function softDeleted(reply: ReturnType<typeof threadReply>) {
  const { text: _t, ...rest } = reply;
  return { ...rest, type: 'messageDelete', channelData: { ...reply.channelData, eventType: 'softDeleteMessage' } };
}

export function reaction(serviceUrl: string, channel: string, root: string, reactedId: string, from: Person, type = 'like', removed = false) {
  return {
    ...base(serviceUrl, channel, `${channel};messageid=${root}`, from),
    type: 'messageReaction',
    id: `f:${activityId()}`,
    replyToId: reactedId,
    ...(removed ? { reactionsRemoved: [{ type }] } : { reactionsAdded: [{ type }] }),
  };
}

/** POST an activity to the bot's real endpoint, as the Bot Connector would. */
export async function postActivity(botUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}
