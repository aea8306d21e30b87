import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../src/core/ports/clock';
import { DeliveryError } from '../../src/core/ports/delivery-error';
import type { Logger } from '../../src/core/ports/logger';
import type { RecentThread } from '../../src/core/ports/inbound';
import type { ChannelTarget } from '../../src/core/ports/platform';
import { TokenCipher } from './crypto';
import type { SelfIds } from './events';
import { StoreInstallations, type InstallationsStore } from './oauth';
import type { SlackSettings } from './settings';
import { SingleToken, type TokenSource } from './tokens';
import { createWebClient } from './web';

const DEFAULT_WORKSPACE = 'default';

/** Where bot tokens come from: one from .env (HTTP, Socket Mode) or one per installed workspace (OAuth). */
export function tokenSource(settings: SlackSettings, installations: InstallationsStore, clock: Clock): { tokens: TokenSource; single?: SingleToken; oauthInstalls?: StoreInstallations } {
  if (settings.mode === 'oauth') {
    if (!settings.secretKey) throw new Error('WOLBOT_SECRET_KEY is required for Slack multi-workspace installs');
    const oauthInstalls = new StoreInstallations(installations, new TokenCipher(settings.secretKey), clock);
    return { tokens: oauthInstalls, oauthInstalls };
  }
  if (!settings.botToken) throw new Error('SLACK_BOT_TOKEN is required');
  const single = new SingleToken(settings.botToken);
  return { tokens: single, single };
}

/** One Web API client per bot token, made on first use. */
export function webClients(apiUrl: string, log: Logger, timeoutMs?: number): (token: string) => WebClient {
  const clients = new Map<string, WebClient>();
  return (token) => {
    let c = clients.get(token);
    if (!c) clients.set(token, (c = createWebClient(token, apiUrl, log, timeoutMs)));
    return c;
  };
}

/** A client in the target's workspace, and the key the pacer counts that workspace's posts under. */
export type WorkspaceOf = (target: ChannelTarget) => Promise<{ client: WebClient; key: string }>;

/** The workspace a channel, a thread or a team is in, with a client holding that workspace's token. */
export function workspaceClients(tokens: TokenSource, single: SingleToken | undefined, clientFor: (token: string) => WebClient) {
  const forTarget: WorkspaceOf = async (target) => {
    const ws = await tokens.forTeam(target.workspaceId ?? single?.teamId);
    if (!ws) throw new DeliveryError('permanent', 'no_installation', { message: `wolbot is not installed in Slack workspace ${target.workspaceId}` });
    return { client: clientFor(ws.token), key: target.workspaceId ?? ws.teamId ?? DEFAULT_WORKSPACE };
  };
  /** Each thread is read with its own workspace's token (OAuth: one per installed workspace); null once uninstalled. */
  const forThread = async (thread: RecentThread): Promise<{ client: WebClient; teamId?: string; self: SelfIds } | null> => {
    const ws = await tokens.forTeam(thread.workspaceId ?? single?.teamId);
    if (!ws) return null;
    return { client: clientFor(ws.token), teamId: ws.teamId ?? thread.workspaceId ?? undefined, self: ws.self };
  };
  const forTeam = async (teamId: string): Promise<WebClient | undefined> => {
    const ws = await tokens.forTeam(teamId);
    return ws ? clientFor(ws.token) : undefined;
  };
  return { forTarget, forThread, forTeam };
}
