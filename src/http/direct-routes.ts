import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { DIRECT_ROUTE, type DirectRoute } from '../core/ports/platform-descriptor';

type Handle = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The direct routes marked on a platform's handler or, when it is an express Router, on the
 * handlers mounted in it (its `stack` of layers, each with its `handle`; nested routers too).
 */
export function directRoutesOf(handler: unknown): DirectRoute[] {
  if (typeof handler !== 'function') return [];
  const own = (handler as { [DIRECT_ROUTE]?: DirectRoute })[DIRECT_ROUTE];
  const stack = (handler as { stack?: unknown }).stack;
  const inner = Array.isArray(stack) ? stack.flatMap((layer: { handle?: unknown }) => directRoutesOf(layer.handle)) : [];
  return own ? [own, ...inner] : inner;
}

/**
 * The server's request listener: a request for a direct route's exact method and path goes
 * straight to it, anything else to the express app (where the same routes stay mounted, so a
 * path spelled otherwise is still served). Express's per-request work (re-prototyping req and
 * res, walking every middleware layer) was about half the server's CPU on the hot ingest path:
 * ~225 → ~120 µs per Slack event, measured.
 */
export function directFirst(app: RequestListener, routes: readonly DirectRoute[]): RequestListener {
  if (routes.length === 0) return app;
  const byRoute = new Map(routes.map((r) => [`${r.method} ${r.path}`, r.handle as Handle]));
  return (req, res) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const handle = byRoute.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
    if (handle) handle(req, res);
    else app(req, res);
  };
}
