import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The page's policy, exactly as DESIGN.md states it: no inline script or style, no framing. */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Every answer: `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`. Everything
 * but the platforms' endpoints also gets helmet's other defaults (frame denial, …) and our CSP; /v1
 * answers are never cached (they hold people's words). The endpoints (each descriptor's
 * `endpoints`: only the platforms' servers call them) are the hot ingest path and their answers a
 * few bytes of JSON no browser renders, so they skip helmet's eleven middlewares (~4% of ingest time).
 */
export function securityHeaders(platformEndpoints: readonly string[]): RequestHandler[] {
  const platformPaths = new Set(platformEndpoints);
  const full = helmet({ contentSecurityPolicy: false, referrerPolicy: { policy: 'no-referrer' }, xFrameOptions: { action: 'deny' } });
  return [
    (req, res, next) => {
      // Express routes match paths whatever their case, so every rule here does too (`/V1/export`).
      const path = req.path.toLowerCase();
      if (platformPaths.has(path)) {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        next();
        return;
      }
      full(req, res, (err?: unknown) => {
        if (err) {
          next(err);
          return;
        }
        res.setHeader('Content-Security-Policy', PAGE_CSP);
        if (path === '/v1' || path.startsWith('/v1/')) res.setHeader('Cache-Control', 'no-store');
        next();
      });
    },
  ];
}
