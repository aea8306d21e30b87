import express, { type Router } from 'express';
import type { BodyBudget } from '../../src/core/ports/body-budget';
import type { Logger } from '../../src/core/ports/logger';
import type { DirectRoute } from '../../src/core/ports/platform-descriptor';
import { createOAuthRouter, type StoreInstallations } from './oauth';
import { WolReceiver, type ReceiverHandlers } from './receiver';
import type { SlackSettings } from './settings';
import { createSocketMode } from './socket-mode';

export type SocketMode = ReturnType<typeof createSocketMode>;

/** How Slack reaches us: our receiver on the shared express server (HTTP, OAuth), or Socket Mode. */
export function transport(t: {
  settings: SlackSettings;
  handlers: ReceiverHandlers;
  apiUrl: string;
  log: Logger;
  nowMs?: () => number;
  bodyBudget?: BodyBudget;
  oauthInstalls?: StoreInstallations;
  onReconnected: () => Promise<void>;
}): { router: Router; socket?: SocketMode; directRoutes: DirectRoute[] } {
  const { settings, handlers, apiUrl, log, oauthInstalls } = t;
  const router = express.Router();
  let socket: SocketMode | undefined;
  const directRoutes: DirectRoute[] = [];
  if (settings.mode === 'socket') {
    if (!settings.appToken) throw new Error('SLACK_APP_TOKEN is required for Socket Mode');
    socket = createSocketMode({ appToken: settings.appToken, apiUrl, handlers, log, onReconnected: t.onReconnected });
  } else {
    if (!settings.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required');
    const receiver = new WolReceiver({ signingSecret: settings.signingSecret, handlers, log, nowMs: t.nowMs, bodyBudget: t.bodyBudget });
    router.use(receiver.router);
    directRoutes.push(receiver.direct);
  }
  if (oauthInstalls) {
    router.use(
      createOAuthRouter({
        clientId: settings.clientId ?? '',
        clientSecret: settings.clientSecret ?? '',
        stateSecret: settings.stateSecret ?? '',
        installations: oauthInstalls,
        apiUrl,
        log,
      }),
    );
  }
  return { router, socket, directRoutes };
}
