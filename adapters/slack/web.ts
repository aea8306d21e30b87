import { WebClient, ErrorCode, LogLevel, type FetchFunction, type WebClientOptions } from '@slack/web-api';
import type { Logger as SlackLogger, WebAPICallError, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { DeliveryError } from '../../src/core/ports/delivery-error';
import type { Logger } from '../../src/core/ports/logger';

/** Web API calls must answer well inside this; a post that times out may still have landed. */
export const WEB_TIMEOUT_MS = 10_000;

/** Bridge our pino-like logger to the Slack libraries' logger interface. */
export function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const fmt = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...m: unknown[]) => log.debug(fmt(m)),
    info: (...m: unknown[]) => log.debug(fmt(m)), // the libraries are chatty at info
    warn: (...m: unknown[]) => log.warn(fmt(m)),
    error: (...m: unknown[]) => log.error(fmt(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * Our WebClient: no retries of its own (the ledger decides, so a timed-out post is never re-sent
 * behind its back), 429 rejected at once instead of pausing the whole client, and a timeout.
 */
export function webClientOptions(apiUrl: string, log: Logger, timeout = WEB_TIMEOUT_MS): WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    fetch: fetchKeepingCauses,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout,
    logger: slackLogger(log),
  };
}

export function createWebClient(token: string | undefined, apiUrl: string, log: Logger, timeout = WEB_TIMEOUT_MS): WebClient {
  return new WebClient(token, webClientOptions(apiUrl, log, timeout));
}

/**
 * fetch, with its failures rethrown as plain Errors that keep the network code (ECONNREFUSED, …)
 * and the timeout's name on top: the WebClient keeps only errors it recognises as `Error`, and the
 * difference between "never sent" and "may have arrived" lives in those fields.
 */
export const fetchKeepingCauses: FetchFunction = async (input, init) => {
  try {
    return (await fetch(input, init as RequestInit)) as unknown as Awaited<ReturnType<FetchFunction>>;
  } catch (err) {
    const out = new Error(String((err as Error)?.message ?? err)) as Error & { code?: string };
    if (isTimeout(err)) out.name = 'TimeoutError';
    const code = causeCode(err);
    if (code) out.code = code;
    throw out;
  }
};

/** Channel-level reasons: this channel will never take our posts again without a human. */
const CHANNEL_GONE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
/** Token-level reasons: nothing in this workspace works until someone reinstalls. */
const TOKEN_GONE = new Set(['invalid_auth', 'account_inactive', 'token_revoked', 'not_authed', 'team_access_not_granted', 'missing_scope', 'restricted_action', 'ekm_access_denied']);
/** Request problems that a retry will not fix. */
const BAD_REQUEST = new Set(['invalid_blocks', 'invalid_metadata', 'msg_too_long', 'msg_blocks_too_long', 'no_text', 'invalid_arguments', 'too_many_attachments', 'invalid_blocks_format']);

/** Network errors that mean the request never reached Slack (safe to retry). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED']);

/** One link of an error's `cause` chain, read without trusting its shape. */
type ErrorLink = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null | undefined;

function causeCode(err: unknown): string | undefined {
  let e = err as ErrorLink;
  for (let i = 0; i < 4 && e; i++) {
    if (typeof e.code === 'string' && !e.code.startsWith('slack_')) return e.code;
    e = e.cause as ErrorLink;
  }
  return undefined;
}

function isTimeout(err: unknown): boolean {
  let e = err as ErrorLink;
  for (let i = 0; i < 4 && e; i++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    if (typeof e.message === 'string' && /TimeoutError|aborted due to timeout/.test(e.message)) return true;
    e = e.cause as ErrorLink;
  }
  return false;
}

/**
 * Map a Web API failure to the DeliveryError the ledger understands.
 * `sent`: whether a failure after the request left may have taken effect (true for posts).
 */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  // The Web API's failures carry their kind in `code`; anything else falls to `default`.
  const e = err as WebAPICallError | ErrorLink;
  switch (e?.code) {
    case ErrorCode.PlatformError: {
      const reason = (e as WebAPIPlatformError).data?.error ?? 'unknown_error';
      if (CHANNEL_GONE.has(reason)) return new DeliveryError('permanent', reason, { deactivateChannel: true });
      if (TOKEN_GONE.has(reason) || BAD_REQUEST.has(reason)) return new DeliveryError('permanent', reason);
      if (reason === 'ratelimited') return new DeliveryError('transient', reason, { retryAfterMs: 1000 });
      // internal_error, fatal_error, service_unavailable, request_timeout: Slack's side, retry.
      return new DeliveryError('transient', reason);
    }
    case ErrorCode.RateLimitedError:
      return new DeliveryError('transient', 'ratelimited', { retryAfterMs: Math.max(1, Number((e as WebAPIRateLimitedError).retryAfter) || 1) * 1000 });
    case ErrorCode.HTTPError: {
      const status = (e as WebAPIHTTPError).statusCode;
      if (status >= 500) return new DeliveryError('transient', `http_${status}`);
      if (status === 401 || status === 403 || status === 404 || status === 410) return new DeliveryError('permanent', `http_${status}`);
      return new DeliveryError('transient', `http_${status}`);
    }
    case ErrorCode.RequestError: {
      const original = (e as WebAPIRequestError).original ?? e;
      if (isTimeout(original)) return new DeliveryError('uncertain', 'timeout', { message: 'Slack did not answer in time; the post may have landed' });
      const code = causeCode(original);
      if (code && NOT_SENT.has(code)) return new DeliveryError('transient', `network_${code}`);
      // Connection dropped after the request went out (reset, socket closed): may have landed.
      return new DeliveryError('uncertain', `network_${code ?? 'error'}`);
    }
    default:
      if (isTimeout(e)) return new DeliveryError('uncertain', 'timeout');
      return new DeliveryError('transient', typeof e?.message === 'string' && e.message ? e.message.slice(0, 80) : 'unknown_error');
  }
}

/** The Slack error string of a failed call, if it was a platform error. */
export function platformError(err: unknown): string | undefined {
  const e = err as WebAPICallError | ErrorLink;
  return e?.code === ErrorCode.PlatformError ? (e as WebAPIPlatformError).data?.error : undefined;
}
