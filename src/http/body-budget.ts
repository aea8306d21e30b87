import type { BodyBudget, BodyHold, BudgetedRequest } from '../core/ports/body-budget';
import { clientAddress } from './client-address';

/**
 * 32 MB in all for bodies not yet authenticated, 4 MB of it per client address: 400 senders of
 * made-up signatures with 1 MB bodies hold 32 MB, not 400 MB. Genuine platform bodies are a few KB.
 */
export const BODY_BUDGET = { totalBytes: 32 * 1024 * 1024, perClientBytes: 4 * 1024 * 1024, retryAfterS: 5 } as const;

/** The server's one budget (see the port); counts are in memory, per process. */
export function bodyBudget(opts: { trustProxy: boolean; totalBytes?: number; perClientBytes?: number; retryAfterS?: number }): BodyBudget {
  const total = opts.totalBytes ?? BODY_BUDGET.totalBytes;
  const perClient = opts.perClientBytes ?? BODY_BUDGET.perClientBytes;
  const byClient = new Map<string, number>();
  let held = 0;
  return {
    retryAfterS: opts.retryAfterS ?? BODY_BUDGET.retryAfterS,
    hold(req: BudgetedRequest, bytes: number): BodyHold | null {
      const client = clientAddress(req, opts.trustProxy);
      const mine = byClient.get(client) ?? 0;
      if (held + bytes > total || mine + bytes > perClient) return null;
      held += bytes;
      byClient.set(client, mine + bytes);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          held -= bytes;
          const left = (byClient.get(client) ?? bytes) - bytes;
          if (left > 0) byClient.set(client, left);
          else byClient.delete(client);
        },
      };
    },
  };
}
