/** Sign requests the way Slack does (v0 HMAC-SHA256 over `v0:<timestamp>:<body>`). */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(secret, timestamp, body) };
}

export interface SlackPost {
  status: number;
  text: string;
  json?: any;
}

/** POST a signed body to the bot's /slack/events. `form` sends x-www-form-urlencoded. */
export async function postToSlackEndpoint(
  url: string,
  secret: string,
  body: string | object,
  opts: { form?: boolean; timestamp?: number; headers?: Record<string, string>; signature?: string } = {},
): Promise<SlackPost> {
  const raw = typeof body === 'string' ? body : opts.form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json',
    ...signedHeaders(secret, raw, opts.timestamp),
    ...(opts.signature ? { 'x-slack-signature': opts.signature } : {}),
    ...opts.headers,
  };
  const res = await fetch(url, { method: 'POST', headers, body: raw });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

let eventSeq = 0;
/** An Events API envelope around `event` (Slack's documented `event_callback` shape). */
export function envelope(event: Record<string, unknown>, opts: { eventId?: string; teamId?: string } = {}) {
  return {
    token: 'legacy-verification-token',
    team_id: opts.teamId ?? 'T0TEAM',
    api_app_id: 'A0APP',
    event,
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${Date.now().toString(36)}${(++eventSeq).toString(36)}`.toUpperCase(),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: opts.teamId ?? 'T0TEAM', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/** A `/wol` slash command form, as Slack sends it. */
export function slashCommand(text: string, o: { user?: string; channel?: string; channelName?: string; responseUrl?: string; teamId?: string } = {}) {
  return {
    token: 'legacy-verification-token',
    team_id: o.teamId ?? 'T0TEAM',
    team_domain: 'test',
    channel_id: o.channel ?? 'C0WOL1',
    channel_name: o.channelName ?? 'wol-week',
    user_id: o.user ?? 'UADMIN',
    user_name: 'someone',
    command: '/wol',
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: o.responseUrl ?? 'https://hooks.slack.com/commands/T0TEAM/1/x',
    trigger_id: '1.2.3',
  };
}
