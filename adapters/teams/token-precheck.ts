/**
 * The cheap checks on a Bot Framework bearer token, before botbuilder sees it: its shape, an
 * allowed RSA algorithm (so `none` and HS256 key confusion never reach a verifier), its audience
 * and its time window (botbuilder's own 5-minute tolerance). The signature itself is botbuilder's
 * to verify; this only keeps obvious forgeries from fetching keys and from the library's console
 * output (it prints stack traces for some of them).
 */
const ALLOWED_ALGS = new Set(['RS256', 'RS384', 'RS512']);
const CLOCK_TOLERANCE_S = 5 * 60;

function part(s: string | undefined): Record<string, unknown> | null {
  if (!s || !/^[A-Za-z0-9_-]+$/.test(s)) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Why the token cannot be valid, or null when it is worth verifying. */
export function tokenProblem(authorization: string, appId: string, nowSec: number): string | null {
  const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
  if (!token) return 'no bearer token';
  const [h, p, sig, ...rest] = token.split('.');
  if (rest.length || !sig) return 'not a signed JWT';
  const header = part(h);
  const claims = part(p);
  if (!header || !claims) return 'not a JWT';
  if (typeof header.alg !== 'string' || !ALLOWED_ALGS.has(header.alg)) return `signing algorithm ${String(header.alg)} not allowed`;
  if (typeof header.kid !== 'string') return 'no key id';
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(appId)) return 'wrong audience';
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_TOLERANCE_S < nowSec) return 'expired';
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_TOLERANCE_S > nowSec) return 'not valid yet';
  return null;
}
