import type { NextFunction, Request, Response } from 'express';
import type { SessionKeeper } from './signin/sessions';
import { setViewer } from './viewer';

/**
 * The page's access rule for people without the operator's token: a signed-in session lets them
 * in (as themselves: the routes narrow what they see); anyone else gets the sign-in page at `/`
 * and a 401 on /v1. web-access.ts calls it once no token was offered.
 */
export function sessionCheck(d: { sessions: SessionKeeper; page: (req: Request) => string }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    let found;
    try {
      found = await d.sessions.lookup(req);
    } catch (err) {
      return next(err);
    }
    if (typeof found === 'object') {
      setViewer(res, { kind: 'person', session: found.session });
      return next();
    }
    if (found === 'invalid') d.sessions.clear(req, res); // expired, signed out or forged: the browser forgets it
    if (req.method === 'GET' && req.baseUrl === '' && req.path === '/') {
      res.status(200).set('Cache-Control', 'no-store').type('html').send(d.page(req));
      return;
    }
    res.status(401).json({ error: 'sign in first (GET /auth/slack or /auth/microsoft), or send Authorization: Bearer WEB_TOKEN' });
  };
}
