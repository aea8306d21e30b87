import express from 'express';
import type { Request, Response, Router } from 'express';
import { verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../../src/core/ports/logger';
import { validateEventsBody, type SlackObject } from './events';

/** What the receiver hands on once a request is authentic and readable. */
export interface ReceiverHandlers {
  /** Store an event_callback; resolves once stored (or recognised as duplicate / not ours). */
  onEvent(body: SlackObject, retry: { num?: number; reason?: string }): Promise<void>;
  /** A slash command: returns the immediate (ephemeral) response body. Must be quick. */
  onCommand(form: Record<string, string>): Promise<Record<string, unknown>>;
  /**
   * true the first time this key is seen (kept in the store, so every replica agrees). A signed
   * slash command or interactivity request is only ever acted on once: its signature is its key.
   */
  firstTime(key: string): Promise<boolean>;
}

const MAX_SKEW_SEC = 5 * 60;
/** Slack waits 3 s for an answer; a store slower than this gets 503 (the redelivery dedupes). */
const STORE_BUDGET_MS = 2_500;

class StoreTooSlow extends Error {}

const isTyped = (v: unknown): v is { type: string } => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTooSlow(`not stored within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Our own thin receiver on the shared express server (Bolt's App is not used: we have no
 * listeners). Unlike Bolt's stock receivers it answers 200 only after the event is stored (5xx
 * otherwise, so Slack redelivers), 400 for signed but unreadable bodies, 401 for forged or stale
 * ones. The signature check is Bolt's exported `verifySlackRequest`.
 */
export class WolReceiver {
  readonly router: Router;

  constructor(
    private readonly opts: {
      signingSecret: string;
      handlers: ReceiverHandlers;
      log: Logger;
      /** Wall-clock for the 5-minute replay window (tests). */
      nowMs?: () => number;
      path?: string;
      storeBudgetMs?: number;
    },
  ) {
    this.router = express.Router();
    this.router.post(
      opts.path ?? '/slack/events',
      (req, res, next) => (this.refuseEarly(req, res) ? undefined : next()),
      express.raw({ type: () => true, limit: '1mb' }),
      (req, res) => {
        this.handle(req, res).catch((err: unknown) => {
          opts.log.error({ err }, 'slack request failed');
          if (!res.headersSent) res.status(500).json({ error: 'internal_error' });
        });
      },
    );
  }

  /** Why the headers alone already rule the request out (no signature, stale or future timestamp), or null. */
  private headerProblem(req: Request): string | null {
    const signature = req.header('x-slack-signature');
    const tsHeader = req.header('x-slack-request-timestamp');
    const ts = Number(tsHeader);
    if (!signature || !tsHeader || !/^\d+$/.test(tsHeader)) return 'unsigned request';
    const nowSec = Math.floor((this.opts.nowMs ? this.opts.nowMs() : Date.now()) / 1000);
    // Bolt checks only the past; a timestamp from the future is just as much a replay risk.
    if (ts > nowSec + MAX_SKEW_SEC) return 'timestamp in the future';
    if (ts < nowSec - MAX_SKEW_SEC) return 'stale timestamp';
    return null;
  }

  /**
   * Before a byte of the body is read: a request that cannot be authentic is refused and its
   * connection closed, so unauthenticated bodies never sit in memory.
   */
  private refuseEarly(req: Request, res: Response): boolean {
    const problem = this.headerProblem(req);
    if (!problem) return false;
    this.opts.log.warn({ reason: problem }, 'rejected a Slack request that failed verification');
    res.set('Connection', 'close').status(401).json({ error: 'invalid_signature' });
    return true;
  }

  /** Verify the signature; false (and 401 sent) when forged, stale or unsigned. */
  private verify(req: Request, res: Response, raw: string): boolean {
    const signature = req.header('x-slack-signature');
    const ts = Number(req.header('x-slack-request-timestamp'));
    const nowMs = this.opts.nowMs ? this.opts.nowMs() : Date.now();
    try {
      const problem = this.headerProblem(req);
      if (problem || !signature) throw new Error(problem ?? 'unsigned request');
      verifySlackRequest({
        signingSecret: this.opts.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts },
        nowMilliseconds: nowMs,
      });
      return true;
    } catch (err) {
      this.opts.log.warn({ reason: (err as Error).message }, 'rejected a Slack request that failed verification');
      res.status(401).json({ error: 'invalid_signature' });
      return false;
    }
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    if (!this.verify(req, res, raw)) return;
    const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const bad = (why: string) => {
      this.opts.log.warn({ why }, 'malformed Slack request');
      res.status(400).json({ error: 'bad_request', detail: why });
    };

    if (type === 'application/x-www-form-urlencoded') {
      const form = Object.fromEntries(new URLSearchParams(raw));
      if (form.ssl_check) {
        res.status(200).end();
        return;
      }
      if (typeof form.payload === 'string') {
        let payload: unknown;
        try {
          payload = JSON.parse(form.payload);
        } catch {
          return bad('payload is not JSON');
        }
        if (!isTyped(payload)) return bad('payload has no type');
        if (!(await this.firstTime(req))) return void res.status(200).end();
        res.status(200).end(); // interactivity: nothing of ours listens, so acknowledge and store nothing
        return;
      }
      if (typeof form.command !== 'string' || !form.channel_id || !form.user_id) return bad('not a slash command');
      if (!(await this.firstTime(req))) return void res.status(200).end();
      const answer = await this.opts.handlers.onCommand(form);
      res.status(200).json(answer);
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return bad('body is not JSON');
    }
    const problem = validateEventsBody(body);
    if (problem) return bad(problem);
    const b = body as SlackObject; // validated just above
    if (b.type === 'url_verification') {
      res.status(200).json({ challenge: b.challenge });
      return;
    }
    if (b.type === 'event_callback') {
      const num = Number(req.header('x-slack-retry-num'));
      try {
        const stored = this.opts.handlers.onEvent(b, { num: Number.isFinite(num) ? num : undefined, reason: req.header('x-slack-retry-reason') });
        stored.catch(() => undefined); // a late failure after the 503 is already answered
        await within(stored, this.opts.storeBudgetMs ?? STORE_BUDGET_MS);
      } catch (err) {
        // Not stored: make Slack redeliver (it retries on any non-2xx).
        this.opts.log.error({ err, eventId: b.event_id }, 'could not store Slack event; answering 503 so Slack retries');
        res.status(503).json({ error: 'store_unavailable' });
        return;
      }
    }
    res.status(200).end();
  }

  /** A replayed signature (same timestamp and body) is answered 200 and does nothing. */
  private async firstTime(req: Request): Promise<boolean> {
    const first = await this.opts.handlers.firstTime(`slack:signature:${req.header('x-slack-signature')}`);
    if (!first) this.opts.log.warn('ignored a replayed Slack request (its signature was already answered)');
    return first;
  }
}
