import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../src/core/ports/clock';
import type { InboundPort } from '../../src/core/ports/inbound';
import type { Logger } from '../../src/core/ports/logger';
import type { LocalMessages } from './local-adapter';
import { sandboxPlainText } from './plain-text';

export const SANDBOX_USER = 'sandbox-user';
/** The sandbox user's own display name; people the tests write as keep their id as their name. */
export const SANDBOX_USER_NAME = 'Sandbox User';

const id = z.string().min(1).max(200);
// No body chooses who acts: every write is sandbox-user's (a `user` key is refused as unknown).
const ReplyBody = z.strictObject({ channel: id, thread: id, text: z.string().min(1).max(40_000) });
const ReactionBody = z.strictObject({ channel: id, item: id, emoji: z.string().min(1).max(100), remove: z.boolean().optional() });
const CommandBody = z.strictObject({ channel: id, text: z.string().max(1000) });

function parse<T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined {
  const r = schema.safeParse(req.body);
  if (r.success) return r.data;
  res.status(400).json({ error: 'invalid request', problems: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
  return undefined;
}

/**
 * The sandbox's JSON API (under /v1): the page "writes" in local channels here, always as
 * sandbox-user and only on `local:` channels. Every write goes through the same InboundPort the
 * real platforms use.
 */
export function sandboxRouter(d: { inbound: InboundPort; messages: LocalMessages; clock: Clock; logger: Logger }): express.Router {
  const r = express.Router();
  const json = express.json({ limit: '1mb' });

  r.get('/v1/local/messages', async (req, res) => {
    const channel = typeof req.query.channel === 'string' ? req.query.channel : undefined;
    res.json({ messages: await d.messages.listLocalMessages(channel) });
  });

  r.post('/v1/replies', json, async (req, res) => {
    const b = parse(ReplyBody, req, res);
    if (!b) return;
    const messageId = `L${randomUUID()}`;
    const at = d.clock.now();
    const user = SANDBOX_USER;
    const userName = SANDBOX_USER_NAME;
    const outcome = await d.inbound.reply({ eventKey: `local:${messageId}`, platform: 'local', channelId: b.channel, threadId: b.thread, messageId, user, userName, text: b.text, ...sandboxPlainText(b.text), at });
    if (outcome === 'ignored') return void res.status(404).json({ error: `thread ${b.thread} is not a prompt in local:${b.channel}` });
    await d.messages.addLocalMessage({ id: messageId, channelId: b.channel, threadId: b.thread, user, kind: 'reply', body: { text: b.text }, at });
    res.status(201).json({ id: messageId, outcome });
  });

  r.post('/v1/reactions', json, async (req, res) => {
    const b = parse(ReactionBody, req, res);
    if (!b) return;
    const ev = { eventKey: `local:reaction:${randomUUID()}`, platform: 'local' as const, channelId: b.channel, itemId: b.item, user: SANDBOX_USER, emoji: b.emoji, at: d.clock.now() };
    const outcome = b.remove ? await d.inbound.reactionRemoved(ev) : await d.inbound.reactionAdded(ev);
    if (outcome === 'ignored') return void res.status(404).json({ error: `${b.item} is not a prompt or reply in local:${b.channel}` });
    res.json({ outcome });
  });

  r.post('/v1/commands', json, async (req, res) => {
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
