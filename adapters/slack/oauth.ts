import express from 'express';
import type { Router } from 'express';
import { InstallProvider } from '@slack/oauth';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Clock } from '../../src/core/ports/clock';
import type { Logger } from '../../src/core/ports/logger';
import type { SelfIds, SlackObject } from './events';
import { TokenCipher } from './crypto';
import type { Installations } from './installations';
import { selfFromBody, type TokenSource, type Workspace } from './tokens';
import { slackLogger } from './web';
import { manifestBotScopes } from './manifest-scopes';

export type InstallationsStore = Installations;


/** Bolt's installation records, kept in our store, encrypted (AES-256-GCM) with WOLBOT_SECRET_KEY. */
export class StoreInstallations implements InstallationStore, TokenSource {
  private readonly cache = new Map<string, Workspace>();

  constructor(
    private readonly store: InstallationsStore,
    private readonly cipher: TokenCipher,
    private readonly clock: Clock,
  ) {}

  private key(q: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
    const id = q.isEnterpriseInstall ? q.enterpriseId : q.teamId;
    if (!id) throw new Error('installation without a team id');
    return id;
  }

  async storeInstallation(installation: Installation<'v1' | 'v2', boolean>): Promise<void> {
    const key = this.key({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall,
    });
    await this.store.saveInstallation('slack', key, this.cipher.encrypt(JSON.stringify(installation)), this.clock.now());
    this.cache.delete(key);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const data = await this.store.getInstallation('slack', this.key(query));
    if (!data) throw new Error(`no Slack installation for ${this.key(query)}`);
    return JSON.parse(this.cipher.decrypt(data)) as Installation<'v1' | 'v2', boolean>; // what storeInstallation wrote
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = this.key(query);
    this.cache.delete(key);
    await this.store.deleteInstallation('slack', key);
  }

  // TokenSource: each channel posts with its own workspace's bot token.
  async forTeam(teamId: string | null | undefined): Promise<Workspace | null> {
    if (!teamId) return null;
    const hit = this.cache.get(teamId);
    if (hit) return hit;
    const data = await this.store.getInstallation('slack', teamId);
    if (!data) return null;
    const inst = JSON.parse(this.cipher.decrypt(data)) as Installation<'v1' | 'v2', boolean>;
    if (!inst.bot?.token) return null;
    const ws: Workspace = { token: inst.bot.token, teamId, self: { botUserId: inst.bot.userId, botId: inst.bot.id } };
    this.cache.set(teamId, ws);
    return ws;
  }

  self(teamId: string | undefined, body?: SlackObject): SelfIds {
    const hit = teamId ? this.cache.get(teamId) : undefined;
    return hit ? hit.self : selfFromBody(body);
  }

  async forget(teamId: string): Promise<void> {
    await this.deleteInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
  }
}

/** `/slack/install` and `/slack/oauth_redirect`, served by Bolt's InstallProvider. */
export function createOAuthRouter(opts: {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  installations: StoreInstallations;
  apiUrl: string;
  log: Logger;
  /** The bot scopes to ask for (default: the manifest's). */
  scopes?: string[];
}): Router {
  const installer = new InstallProvider({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    stateSecret: opts.stateSecret,
    // /slack/install goes straight to Slack's authorize page (no intermediate "Add to Slack" page).
    directInstall: true,
    installationStore: opts.installations,
    logger: slackLogger(opts.log),
    clientOptions: { slackApiUrl: opts.apiUrl, retryConfig: { retries: 0 }, timeout: 10_000 },
  });
  // Exactly the manifest's bot scopes: one list for the app's page and the install.
  const scopes = opts.scopes ?? manifestBotScopes();
  const router = express.Router();
  router.get('/slack/install', (req, res, next) => {
    installer.handleInstallPath(req, res, {}, { scopes }).catch(next);
  });
  router.get('/slack/oauth_redirect', (req, res, next) => {
    installer
      .handleCallback(req, res, {
        success: (installation, _opts, _req, r) => {
          opts.log.info({ team: installation.team?.id }, 'Slack workspace installed');
          r.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          r.end('<html><body><h1>wolbot is installed.</h1><p>Invite it to a channel with <code>/invite @wolbot</code>, then type <code>/wol subscribe</code> there.</p></body></html>');
        },
        failure: (error, _opts, _req, r) => {
          opts.log.warn({ err: error }, 'Slack installation failed');
          r.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
          r.end('<html><body><h1>The installation did not complete.</h1><p>Please try again from the install link.</p></body></html>');
        },
      })
      .catch(next);
  });
  return router;
}
