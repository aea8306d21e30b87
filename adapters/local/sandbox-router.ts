import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { BudgetedRequest } from '../../src/core/ports/body-budget';
import type { Clock } from '../../src/core/ports/clock';
import type { InboundPort } from '../../src/core/ports/inbound';
import type { Logger } from '../../src/core/ports/logger';
import type { LocalMessages } from './local-adapter';
import { sandboxPlainText } from './plain-text';
import { SANDBOX_LIMITS, WriteRate } from './sandbox-limits';
import type { LocalMessage } from './sandbox-messages';
import { localMessageId } from './message-id';

export const SANDBOX_USER = 'sandbox-user';
/** The sandbox user's own display name; people the tests write as keep their id as their name. */
export const SANDBOX_USER_NAME = 'Sandbox User';

const id = z.string().min(1).max(200);
// No body chooses who acts: every write is sandbox-user's (a `user` key is refused as unknown).
// The text's length is checked apart (413, with the limit): a too-long reply is not malformed.
const ReplyBody = z.strictObject({ channel: id, thread: id, text: z.string().min(1) });
const ReactionBody = z.strictObject({ channel: id, item: id, emoji: z.string().min(1).max(100), remove: z.boolean().optional() });
const CommandBody = z.strictObject({ channel: id, text: z.string().max(1000) });

function parse<T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined {
  const r = schema.safeParse(req.body);
  if (r.success) return r.data;
  res.status(400).json({ error: 'invalid request', problems: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
  return undefined;
}

type SandboxDeps = { inbound: InboundPort; messages: LocalMessages; clock: Clock; logger: Logger; clientAddress?: (req: BudgetedRequest) => string };

/**
 * The sandbox's JSON API (under /v1): the page "writes" in local channels here, always as
 * sandbox-user and only on `local:` channels. Every write goes through the same InboundPort the
 * real platforms use, within SANDBOX_LIMITS: 429 past the write rate, 413 past a text or channel cap.
 */
export function sandboxRouter(d: SandboxDeps): express.Router {
  const r = express.Router();
  const json = express.json({ limit: '1mb' });
  const rate = new WriteRate(() => d.clock.now().getTime());
  const limited: express.RequestHandler = (req, res, next) => {
    const wait = rate.take(d.clientAddress ? d.clientAddress(req) : (req.socket.remoteAddress ?? 'unknown'));
    if (wait === 0) return next();
    res.set('Retry-After', String(wait)).status(429).json({ error: `too many sandbox writes: ${SANDBOX_LIMITS.writesBurst} a minute at most; try again in ${wait} s` });
  };
  const stored = channelChars(d.messages);

  r.get('/v1/local/messages', (req, res, next) => void listPage(req, res, d.messages).catch(next));

  r.post('/v1/replies', limited, json, async (req, res) => {
    const b = parse(ReplyBody, req, res);
    if (!b) return;
    if (b.text.length > SANDBOX_LIMITS.textChars) return void res.status(413).json({ error: `a reply holds ${SANDBOX_LIMITS.textChars} characters at most (this one has ${b.text.length})` });
    if ((await stored.of(b.channel)) + b.text.length > SANDBOX_LIMITS.channelChars) {
      return void res.status(413).json({ error: `local:${b.channel} holds ${SANDBOX_LIMITS.channelChars} characters already: the sandbox takes no more there` });
    }
    const messageId = localMessageId();
    const at = d.clock.now();
    const user = SANDBOX_USER;
    const userName = SANDBOX_USER_NAME;
    const outcome = await d.inbound.reply({ eventKey: `local:${messageId}`, platform: 'local', channelId: b.channel, threadId: b.thread, messageId, user, userName, text: b.text, ...sandboxPlainText(b.text), at });
    if (outcome === 'ignored') return void res.status(404).json({ error: `thread ${b.thread} is not a prompt in local:${b.channel}` });
    const body = { text: b.text };
    await d.messages.addLocalMessage({ id: messageId, channelId: b.channel, threadId: b.thread, user, kind: 'reply', body, at });
    stored.add(b.channel, JSON.stringify(body).length);
    res.status(201).json({ id: messageId, outcome });
  });

  r.post('/v1/reactions', limited, json, async (req, res) => {
    const b = parse(ReactionBody, req, res);
    if (!b) return;
    const ev = { eventKey: `local:reaction:${randomUUID()}`, platform: 'local' as const, channelId: b.channel, itemId: b.item, user: SANDBOX_USER, emoji: b.emoji, at: d.clock.now() };
    const outcome = b.remove ? await d.inbound.reactionRemoved(ev) : await d.inbound.reactionAdded(ev);
    if (outcome === 'ignored') return void res.status(404).json({ error: `${b.item} is not a prompt or reply in local:${b.channel}` });
    res.json({ outcome });
  });

  r.post('/v1/commands', limited, json, async (req, res) => {
    const b = parse(CommandBody, req, res);
    if (!b) return;
    const followUps: string[] = [];
    const answer = await d.inbound.command(
      // Platform `local`: the core keeps the command's effect on sandbox channels and sandbox-user's words.
      { platform: 'local', channelId: b.channel, userId: SANDBOX_USER, text: b.text, target: { platform: 'local', channelId: b.channel } },
      async (text) => {
        followUps.push(text);
      },
    );
    // The sandbox waits for the command's work, so the page can show the result in one answer.
    await answer.done;
    res.json({ text: answer.text, followUps });
  });

  r.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    if ((err as { type?: string }).type === 'entity.too.large') return void res.status(413).json({ error: 'body too large (1 MB at most)' });
    if ((err as { type?: string }).type === 'entity.parse.failed') return void res.status(400).json({ error: 'malformed JSON' });
    d.logger.error({ err }, 'sandbox request failed');
    res.status(500).json({ error: 'internal error' });
  });
  return r;
}

/** Characters stored per channel: read from the store once a channel, then counted as replies come. */
function channelChars(messages: LocalMessages) {
  const known = new Map<string, number>();
  return {
    async of(channel: string): Promise<number> {
      let n = known.get(channel);
      if (n === undefined) known.set(channel, (n = await messages.localMessageChars(channel)));
      return n;
    },
    add(channel: string, chars: number): void {
      const n = known.get(channel);
      if (n !== undefined) known.set(channel, n + chars);
    },
  };
}

/** A cursor names the last message a page held: its time and id, opaque to the page. */
const cursorOf = (m: LocalMessage): string => Buffer.from(JSON.stringify([m.at.toISOString(), m.id])).toString('base64url');

function readCursor(s: string): { at: Date; id: string } | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || typeof v[1] !== 'string') return null;
    const at = new Date(v[0]);
    return Number.isNaN(at.getTime()) ? null : { at, id: v[1] };
  } catch {
    return null;
  }
}

/**
 * GET /v1/local/messages[?channel=ID][&after=CURSOR][&limit=N]: messages in time order, oldest
 * first, a page at a time (N ≤ 200, and about 1 M characters), with `next`, the cursor to ask for
 * what follows (also for what is new later), and `more` when more are there now.
 */
async function listPage(req: Request, res: Response, messages: LocalMessages): Promise<void> {
  const q = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : undefined);
  const limitQ = q('limit');
  const limit = limitQ === undefined ? SANDBOX_LIMITS.pageMessages : Number(limitQ);
  if (!Number.isInteger(limit) || limit < 1 || limit > SANDBOX_LIMITS.pageMessages) return void res.status(400).json({ error: `limit must be a whole number from 1 to ${SANDBOX_LIMITS.pageMessages}` });
  const afterQ = q('after');
  const after = afterQ === undefined ? undefined : readCursor(afterQ);
  if (after === null) return void res.status(400).json({ error: 'after must be the `next` cursor of an earlier page' });
  const rows = await messages.pageLocalMessages({ channelId: q('channel'), after, limit: limit + 1 });
  const page: LocalMessage[] = [];
  let chars = 0;
  for (const m of rows.slice(0, limit)) {
    chars += JSON.stringify(m.body ?? null).length;
    if (page.length > 0 && chars > SANDBOX_LIMITS.pageChars) break;
    page.push(m);
  }
  const last = page[page.length - 1];
  res.json({ messages: page, next: last ? cursorOf(last) : (afterQ ?? null), more: rows.length > page.length });
}
