import type { RequestHandler } from 'express';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `localhost:3000` → `localhost`; `[::1]:3000` → `[::1]`. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : undefined;
  }
  return h.split(':')[0];
}

/**
 * In the demo and anonymous-Teams modes only loopback names are answered: a page on another site
 * cannot reach this server through DNS rebinding (its requests carry that site's Host).
 */
export function loopbackHostOnly(): RequestHandler {
  return (req, res, next) => {
    const name = hostName(req.get('host'));
    if (name && LOOPBACK_HOSTS.has(name)) return next();
    res.status(421).json({ error: 'this wolbot answers only localhost, 127.0.0.1 or [::1] (demo or anonymous mode)' });
  };
}
