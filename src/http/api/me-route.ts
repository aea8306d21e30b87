import express from 'express';
import { pagePatterns } from '../../core/i18n/catalogue';
import { programmeOfRun } from '../../core/campaigns';
import type { ApiDeps } from './deps';
import type { Scope } from '../scope';
import { scopeFor, visibleRuns } from './scoped';

/** The programme whose language the page speaks: the asker's first visible run's, else the first. */
async function languageOf(d: Pick<ApiDeps, 'core' | 'store'>, scope: Scope) {
  const visible = await visibleRuns(d, scope);
  const run = visible ? [...visible][0] : undefined;
  return ((run && programmeOfRun(d.core.settings, run)) || d.core.settings).programme;
}

/**
 * GET /v1/me: who the page is for — the operator, an organizer or a member (their name and ids,
 * so "Your shares" can be found), whether the sandbox box is theirs, and the page's words: the
 * ICU patterns of its programme's language, which the page fills in itself.
 */
export function meRoute(d: Pick<ApiDeps, 'core' | 'store' | 'scope'>): express.RequestHandler {
  return async (_req, res) => {
    const scope = await scopeFor(d, res);
    if (!scope) return;
    const { lang, patterns } = pagePatterns((await languageOf(d, scope)).language);
    res.json({
      role: scope.all ? 'operator' : scope.organizer ? 'organizer' : 'member',
      person: scope.all ? null : { platform: scope.session.platform, userId: scope.session.userId, workspaceId: scope.session.workspaceId, name: scope.session.name },
      sandbox: scope.all || scope.organizer,
      lang,
      patterns,
    });
  };
}

/**
 * POST /v1/forget: `forget me` from the page — the chat word itself, run by the core for the
 * signed-in person on their platform and workspace; its answer in their programme's language.
 */
export function forgetRoute(d: Pick<ApiDeps, 'core' | 'scope'>): express.RequestHandler {
  return async (_req, res) => {
    const scope = await scopeFor(d, res);
    if (!scope) return;
    if (scope.all) return void res.status(400).json({ error: 'forget me is for a signed-in person; the operator has no shares' });
    const s = scope.session;
    const channelId = [...scope.channels][0]?.slice(s.platform.length + 1) ?? '';
    const target = { platform: s.platform, channelId, workspaceId: s.workspaceId };
    const a = await d.core.command({ platform: s.platform, channelId, userId: s.userId, text: 'forget me', target, inChannel: true }, async () => undefined);
    await a.done;
    res.json({ text: a.text });
  };
}

/** What a member (signed in, no organizer) may reach under /v1: their programme's reads and `forget me`. */
const MEMBER_ROUTES = new Set(['GET /status', 'GET /stats', 'GET /runs', 'GET /shares', 'GET /me', 'HEAD /shares', 'POST /forget']);

/** Mounted on /v1 after the access rule: a member reaching anything else (exports, the sandbox) gets 403. */
export function memberGate(d: Pick<ApiDeps, 'scope'>): express.RequestHandler {
  return (req, res, next) => {
    void scopeFor(d, res)
      .then((scope) => {
        if (!scope) return;
        if (scope.all || scope.organizer || MEMBER_ROUTES.has(`${req.method} ${req.path}`)) return next();
        res.status(403).json({ error: 'only organizers may do that' });
      })
      .catch(next);
  };
}
