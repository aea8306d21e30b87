import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The page's policy, exactly as DESIGN.md states it: no inline script or style, no framing. */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Every answer: helmet's defaults (nosniff, frame denial, …) with `Referrer-Policy: no-referrer`
 * and our CSP; /v1 answers are never cached (they hold people's words).
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({ contentSecurityPolicy: false, referrerPolicy: { policy: 'no-referrer' }, xFrameOptions: { action: 'deny' } }),
    (req, res, next) => {
      res.set('Content-Security-Policy', PAGE_CSP);
      if (req.path === '/v1' || req.path.startsWith('/v1/')) res.set('Cache-Control', 'no-store');
      next();
    },
  ];
}
