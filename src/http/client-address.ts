import type { BudgetedRequest } from '../core/ports/body-budget';

/**
 * The address a request's limits are counted against. Behind a reverse proxy (TRUST_PROXY) every
 * socket is the proxy's, so the client is the last address X-Forwarded-For names — the one our
 * proxy appended; those before it are whatever the client chose to send. Off by default: without a
 * proxy that header is the client's own words.
 */
export function clientAddress(req: BudgetedRequest, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    const last = list[list.length - 1]!.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
