import express, { type NextFunction, type Request, type Response } from 'express';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from '../../src/core/ports';
import { validateActivity, type InboundActivity } from './validate';

/**
 * POST /api/messages. Order: closed → 404; body not JSON / not an activity → 400 (CloudAdapter
 * would answer some of these with 500); then CloudAdapter authenticates (401 without a valid Bot
 * Framework token when an app id is set) and runs the turn.
 *
 * Turn errors: when the core could not store an event the turn throws, CloudAdapter answers 500 and
 * Teams redelivers the activity (dedupe keys make that safe). Nothing else is allowed to throw.
 */
export function createTeamsRouter(opts: {
  cloud: CloudAdapter | null;
  turn: (a: InboundActivity) => Promise<void>;
  logger: Logger;
}): express.Router {
  const router = express.Router();
  const log = opts.logger;

  if (!opts.cloud) {
    router.all('/api/messages', (_req, res) => {
      res.status(404).json({ error: 'teams_disabled', message: 'Set MICROSOFT_APP_ID (or TEAMS_ALLOW_ANONYMOUS=true for a local emulator).' });
    });
    return router;
  }
  const cloud = opts.cloud;

  router.post('/api/messages', express.json({ limit: '1mb' }), async (req: Request, res: Response) => {
    const v = validateActivity(req.body);
    if (!v.ok) {
      log.warn({ error: v.error }, 'invalid activity');
      res.status(400).json({ error: 'invalid_activity', message: v.error });
      return;
    }
    const activity = v.activity; // our own copy: CloudAdapter rewrites timestamps on req.body
    await cloud.process(req, res, async () => {
      try {
        await opts.turn(activity);
      } catch (err) {
        log.error({ err, type: activity.type, id: activity.id }, 'activity not stored: answering 500 so Teams retries');
        throw new Error('not stored, retry later'); // the body CloudAdapter sends: no internals
      }
    });
  });
  router.all('/api/messages', (_req, res) => {
    res.status(405).json({ error: 'method_not_allowed' });
  });
  // express.json failures (bad JSON, too large, wrong charset) answer 4xx here, as JSON.
  router.use('/api/messages', (err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 400;
    res.status(status).json({ error: err.type ?? 'bad_request', message: 'body is not a valid JSON activity' });
  });
  return router;
}
