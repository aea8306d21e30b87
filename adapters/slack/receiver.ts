import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyBudget } from '../../src/core/ports/body-budget';
import type { Logger } from '../../src/core/ports/logger';
import type { DirectRoute } from '../../src/core/ports/platform-descriptor';
import { isObj, validateEventsBody, type SlackObject } from './events';
import { readBody } from './request-body';
import { SIGNATURE, SignatureCheck } from './signature';

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

/**
 * A request handler as express mounts it; it uses nothing of express (plain Node req/res), so it
 * is also marked as the server's direct route for its path (served before any middleware).
 */
export type SlackRequestHandler = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

const MAX_SKEW_SEC = 5 * 60;
/** Slack waits 3 s for an answer; a store slower than this gets 503 (the redelivery dedupes). */
const STORE_BUDGET_MS = 2_500;
/** Bodies are 1 MB at most, as everywhere on the server. */
const MAX_BODY_BYTES = 1024 * 1024;

class StoreTooSlow extends Error {}

/** Counts events and reports them at most once a second (the first at once). */
function everySecond(report: (n: number) => void): { note(): void } {
  let last = 0;
  let n = 0;
  return {
    note() {
      n++;
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      report(n);
      n = 0;
    },
  };
}

/** 413, and the connection closed: the rest of the body is not worth reading. */
function tooLarge(res: ServerResponse): null {
  answer(res, 413, { error: 'body too large (1 MB at most)' }, { Connection: 'close' });
  return null;
}

const isTyped = (v: unknown): v is { type: string } => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTooSlow(`not stored within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** The headers every answer carries (see src/http/security-headers.ts), set here as well: this route may be served before any middleware. */
const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

function answer(res: ServerResponse, status: number, body?: unknown, extra?: Record<string, string>): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string | number> = { ...BASE_HEADERS, 'Content-Length': Buffer.byteLength(text), ...extra };
  if (text) headers['Content-Type'] = 'application/json; charset=utf-8';
  res.writeHead(status, headers).end(text);
}

/**
 * Our own thin receiver (Bolt's App is not used: we have no listeners), mounted on the shared
 * express server but written against plain Node req/res: the Events API is the hot ingest path,
 * so it reads its own body (1 MB at most) and writes its own answers instead of going through
 * express's body parser and response helpers. Unlike Bolt's stock receivers it answers 200 only
 * after the event is stored (5xx otherwise, so Slack redelivers), 400 for signed but unreadable
 * bodies, 401 for forged or stale ones — the latter decided on the headers alone where it can,
 * before a byte of the body is read.
 */
export class WolReceiver {
  readonly router: SlackRequestHandler;
  /** The events path for the server to serve before its middleware (the router serves it too). */
  readonly direct: DirectRoute;
  private readonly path: string;
  /** A flood is what fills the budget: one line a second saying how many, not one per request. */
  private readonly busyLog = everySecond((n) => this.opts.log.warn({ refused: n }, 'refused Slack requests: too many unverified bodies in flight'));

  constructor(
    private readonly opts: {
      signingSecret: string;
      handlers: ReceiverHandlers;
      log: Logger;
      /** Wall-clock for the 5-minute replay window (tests). */
      nowMs?: () => number;
      path?: string;
      storeBudgetMs?: number;
      /** The server's budget for bodies not yet authenticated (absent: unbounded). */
      bodyBudget?: BodyBudget;
    },
  ) {
    this.path = (opts.path ?? '/slack/events').toLowerCase();
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      this.serve(req, res).catch((err: unknown) => {
        opts.log.error({ err }, 'slack request failed');
        if (!res.headersSent) answer(res, 500, { error: 'internal_error' });
      });
    };
    this.router = (req, res, next) => (req.method === 'POST' && this.isOurPath(req.url) ? handle(req, res) : next());
    this.direct = { method: 'POST', path: opts.path ?? '/slack/events', handle };
  }

  /** Our path, as express would match it: any query, case and one trailing slash aside. */
  private isOurPath(url: string | undefined): boolean {
    let p = url ?? '';
    const q = p.indexOf('?');
    if (q >= 0) p = p.slice(0, q);
    if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
    return p.length === this.path.length && p.toLowerCase() === this.path;
  }

  /** Why the headers alone already rule the request out (no signature, stale or future timestamp), or null. */
  private headerProblem(req: IncomingMessage): string | null {
    const signature = header(req, 'x-slack-signature');
    const tsHeader = header(req, 'x-slack-request-timestamp');
    if (!signature || !tsHeader || !/^\d+$/.test(tsHeader)) return 'unsigned request';
    if (!SIGNATURE.test(signature)) return 'malformed signature';
    const ts = Number(tsHeader);
    const nowSec = Math.floor((this.opts.nowMs ? this.opts.nowMs() : Date.now()) / 1000);
    // Bolt checks only the past; a timestamp from the future is just as much a replay risk.
    if (ts > nowSec + MAX_SKEW_SEC) return 'timestamp in the future';
    if (ts < nowSec - MAX_SKEW_SEC) return 'stale timestamp';
    return null;
  }

  private refuse(res: ServerResponse, reason: string, closeConnection: boolean): void {
    this.opts.log.warn({ reason }, 'rejected a Slack request that failed verification');
    answer(res, 401, { error: 'invalid_signature' }, closeConnection ? { Connection: 'close' } : undefined);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Before a byte of the body is read: a request that cannot be authentic is refused and its
    // connection closed, so unauthenticated bodies never sit in memory.
    const early = this.headerProblem(req);
    if (early) return this.refuse(res, early, true);
    const body = await this.readSigned(req, res);
    if (!body) return;
    const raw = body.toString('utf8');
    const type = (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded') return this.handleForm(req, res, raw);
    return this.handleEvents(req, res, raw);
  }

  /**
   * The body, read within the server's budget for unauthenticated bytes and hashed as it arrives;
   * null once answered (503 over budget, 413, 401). The hold ends as soon as the signature is checked.
   */
  private async readSigned(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) return tooLarge(res);
    const budget = this.opts.bodyBudget;
    const hold = budget?.hold(req, Number.isInteger(declared) && declared >= 0 ? declared : MAX_BODY_BYTES);
    if (budget && !hold) {
      this.busyLog.note();
      answer(res, 503, { error: 'busy' }, { 'Retry-After': String(budget.retryAfterS), Connection: 'close' });
      return null;
    }
    try {
      const check = new SignatureCheck(this.opts.signingSecret, header(req, 'x-slack-request-timestamp')!, header(req, 'x-slack-signature')!);
      const body = await readBody(req, MAX_BODY_BYTES, (chunk) => check.update(chunk));
      if (body === 'too_large') return tooLarge(res);
      if (body === 'aborted') {
        res.destroy();
        return null;
      }
      // Checked again: the body may have taken long enough to arrive for the timestamp to go stale.
      const problem = this.headerProblem(req) ?? (check.valid() ? null : 'signature mismatch');
      if (!problem) return body;
      this.refuse(res, problem, false);
      return null;
    } finally {
      hold?.release();
    }
  }

  private bad(res: ServerResponse, why: string): void {
    this.opts.log.warn({ why }, 'malformed Slack request');
    answer(res, 400, { error: 'bad_request', detail: why });
  }

  /** Slash commands, interactivity payloads and Slack's SSL check. */
  private async handleForm(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (form.ssl_check) return answer(res, 200);
    if (typeof form.payload === 'string') {
      let payload: unknown;
      try {
        payload = JSON.parse(form.payload);
      } catch {
        return this.bad(res, 'payload is not JSON');
      }
      if (!isTyped(payload)) return this.bad(res, 'payload has no type');
      await this.firstTime(req);
      return answer(res, 200); // interactivity: nothing of ours listens, so acknowledge and store nothing
    }
    if (typeof form.command !== 'string' || !form.channel_id || !form.user_id) return this.bad(res, 'not a slash command');
    if (!(await this.firstTime(req))) return answer(res, 200);
    answer(res, 200, await this.opts.handlers.onCommand(form));
  }

  /** Events API bodies: the URL check, and event callbacks answered once stored. */
  private async handleEvents(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return this.bad(res, 'body is not JSON');
    }
    const problem = validateEventsBody(body);
    if (problem || !isObj(body)) return this.bad(res, problem ?? 'body is not a JSON object');
    const b = body;
    if (b.type === 'url_verification') return answer(res, 200, { challenge: b.challenge });
    if (b.type === 'event_callback') {
      const num = Number(header(req, 'x-slack-retry-num'));
      try {
        const stored = this.opts.handlers.onEvent(b, { num: Number.isFinite(num) ? num : undefined, reason: header(req, 'x-slack-retry-reason') });
        stored.catch(() => undefined); // a late failure after the 503 is already answered
        await within(stored, this.opts.storeBudgetMs ?? STORE_BUDGET_MS);
      } catch (err) {
        // Not stored: make Slack redeliver (it retries on any non-2xx).
        this.opts.log.error({ err, eventId: b.event_id }, 'could not store Slack event; answering 503 so Slack retries');
        return answer(res, 503, { error: 'store_unavailable' });
      }
    }
    answer(res, 200);
  }

  /** A replayed signature (same timestamp and body) is answered 200 and does nothing. */
  private async firstTime(req: IncomingMessage): Promise<boolean> {
    const first = await this.opts.handlers.firstTime(`slack:signature:${header(req, 'x-slack-signature')}`);
    if (!first) this.opts.log.warn('ignored a replayed Slack request (its signature was already answered)');
    return first;
  }
}
