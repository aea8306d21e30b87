import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Guards the page and /v1 when a real platform is on: `Authorization: Bearer TOKEN` or
 * `?token=TOKEN`. Without a real platform (sandbox only) the page is open, as the demo needs.
 */
export function webTokenGuard(opts: { required: boolean; token?: string }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!opts.required) return next();
    if (!opts.token) {
      res.status(403).json({ error: 'the web page is off: set WEB_TOKEN to open it while a real platform is on' });
      return;
    }
    const header = req.get('authorization');
    const given = header?.startsWith('Bearer ') ? header.slice(7) : typeof req.query.token === 'string' ? req.query.token : undefined;
    if (given && same(given, opts.token)) return next();
    res.status(401).json({ error: 'missing or wrong token: send Authorization: Bearer WEB_TOKEN or ?token=WEB_TOKEN' });
  };
}
