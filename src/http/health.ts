import express from 'express';
import type { ChatAdapter } from '../core/ports/chat-adapter';
import type { OpenedStore } from '../store';

/**
 * 200 when the store answers, 503 otherwise (load balancers take the replica out). Each platform's
 * connection (`connected`, `retrying`, `refused`) is reported but never fails the check: a replica
 * that cannot reach Slack still serves Teams, the page and the API, and keeps trying.
 */
export function healthRouter(d: { store: Pick<OpenedStore, 'kind' | 'ping'>; platforms: () => string[]; adapters?: () => ChatAdapter[] }): express.Router {
  const r = express.Router();
  r.get('/healthz', async (_req, res) => {
    try {
      await d.store.ping();
      const connections = Object.fromEntries((d.adapters?.() ?? []).map((a) => [a.platform, a.connection?.() ?? 'connected']));
      res.json({ ok: true, store: d.store.kind, platforms: d.platforms(), connections });
    } catch (err) {
      res.status(503).json({ ok: false, store: d.store.kind, error: 'store unavailable' });
    }
  });
  return r;
}
