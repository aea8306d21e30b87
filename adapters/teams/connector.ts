import type { CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import { TeamsConnectorClient, type ConnectorClient } from 'botframework-connector';
import { DeliveryError } from '../../src/core/ports';
import { noRetryHttpClient } from './http-client';
import { TOO_BIG_STATUS } from './limits';

/** A 413 (`MessageSizeTooBig`): that body never passes; a shorter one may. */
export const TOO_BIG_REASON = 'message_too_big';

/**
 * Connector clients for proactive sends, one per serviceUrl. They send through `noRetryHttpClient`
 * (given to botbuilder as a public option, see auth.ts and http-client.ts): the ledger decides
 * about retries, not the HTTP client.
 */
export class Connectors {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly cloud: CloudAdapter,
    private readonly appId: string,
  ) {}

  get(serviceUrl: string): Promise<ConnectorClient> {
    let c = this.clients.get(serviceUrl);
    if (!c) {
      c = this.create(serviceUrl);
      this.clients.set(serviceUrl, c);
      c.catch(() => this.clients.delete(serviceUrl));
    }
    return c;
  }

  /**
   * The Teams operations (`GET /v3/teams/{id}/conversations`…) for a serviceUrl. This is what
   * TeamsInfo.getTeamChannels does under CloudAdapter (a TeamsConnectorClient on the turn's
   * connector credentials), minus its need for a TurnContext and with a timeout we control.
   */
  async teams(serviceUrl: string): Promise<TeamsConnectorClient> {
    const connector = await this.get(serviceUrl);
    return new TeamsConnectorClient(connector.credentials, { baseUri: serviceUrl, httpClient: noRetryHttpClient });
  }

  private async create(serviceUrl: string): Promise<ConnectorClient> {
    let client: ConnectorClient | undefined;
    // The documented proactive pattern: a continuation turn gives a client built with our credentials.
    const reference: Partial<ConversationReference> = {
      serviceUrl,
      channelId: 'msteams',
      conversation: { id: 'wolbot-proactive', isGroup: true, conversationType: 'channel', name: '' },
    };
    await this.cloud.continueConversationAsync(this.appId, reference as ConversationReference, async (ctx) => {
      client = ctx.turnState.get(this.cloud.ConnectorClientKey) as ConnectorClient;
    });
    if (!client) throw new Error('botbuilder gave no connector client');
    return client;
  }
}

export type CreateParams = ConversationParameters;

interface HttpishError {
  statusCode?: number;
  code?: string;
  name?: string;
  message?: string;
  response?: { headers?: { get?(n: string): string | undefined | null } };
}

/** Network failures that happen before any byte of the request left: safe to retry. */
const NOT_SENT = new Set(['ERR_BAD_PORT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'CERT_HAS_EXPIRED']);

/** Maps a connector failure onto the ledger's three kinds. */
export function toDeliveryError(err: unknown, nowMs: number): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (err ?? {}) as HttpishError;
  const status = e.statusCode;
  const message = String(e.message ?? err).slice(0, 300);
  if (typeof status === 'number' && status > 0) {
    const reason = `http_${status}`;
    if (status === 429 || status === 412 || status === 502 || status === 504 || status === 503) {
      return new DeliveryError('transient', reason, { retryAfterMs: retryAfter(e, nowMs), message });
    }
    if (status === TOO_BIG_STATUS) return new DeliveryError('permanent', TOO_BIG_REASON, { message });
    if (status === 403) return new DeliveryError('permanent', 'bot_removed', { deactivateChannel: true, message });
    if (status === 404) return new DeliveryError('permanent', 'conversation_not_found', { deactivateChannel: true, message });
    if (status === 401) return new DeliveryError('permanent', 'unauthorized', { message });
    if (status >= 500) return new DeliveryError('uncertain', reason, { message });
    return new DeliveryError('permanent', reason, { message });
  }
  const code = String(e.code ?? '');
  const causeCode = String((err as { cause?: { code?: string } })?.cause?.code ?? '');
  if (NOT_SENT.has(code) || NOT_SENT.has(causeCode) || NOT_SENT.has(codeInMessage(message))) {
    return new DeliveryError('transient', `network_${(code || causeCode || codeInMessage(message)).toLowerCase()}`, { message });
  }
  if (/token|AADSTS|login\.microsoftonline/i.test(message)) {
    // Getting our own access token failed: nothing was sent to Teams yet.
    return new DeliveryError('transient', 'token_failed', { message });
  }
  // Timeouts, resets after sending, anything else: the post may exist.
  return new DeliveryError('uncertain', e.name === 'AbortError' || /timeout|timed out|aborted/i.test(message) ? 'timeout' : 'network_error', { message });
}

function codeInMessage(m: string): string {
  return /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)\b/.exec(m)?.[1] ?? '';
}

function retryAfter(e: HttpishError, nowMs: number): number | undefined {
  const h = e.response?.headers?.get?.('retry-after');
  if (!h) return undefined;
  const secs = Number(h);
  if (Number.isFinite(secs)) return Math.max(0, Math.round(secs * 1000));
  const at = Date.parse(h);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}
