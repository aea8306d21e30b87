import express from 'express';
import type { Store } from '../core/ports/store';

/** 200 when the store answers, 503 otherwise (load balancers take the replica out). */
export function healthRouter(d: { store: Store; platforms: () => string[] }): express.Router {
  const r = express.Router();
  r.get('/healthz', async (_req, res) => {
    try {
      await d.store.ping();
      res.json({ ok: true, store: d.store.kind, platforms: d.platforms() });
    } catch (err) {
      res.status(503).json({ ok: false, store: d.store.kind, error: 'store unavailable' });
    }
  });
  return r;
}
