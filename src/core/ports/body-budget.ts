/** A request as far as the budget needs it: who sent it (the socket, or a trusted proxy's header). */
export interface BudgetedRequest {
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string };
}

/** Bytes held for one request's body until it is authenticated (or refused). */
export interface BodyHold {
  release(): void;
}

/**
 * The bytes the server holds, in all and per client, for bodies whose sender is not yet known to
 * be genuine (a Slack signature checks only once the whole body is in; a Teams token once
 * botbuilder has seen the activity). A platform endpoint takes a hold before it reads a byte of
 * the body, and answers 503 with `Retry-After` when none is left.
 */
export interface BodyBudget {
  /** A hold on `bytes` for this request's body, or null: too much is held already. */
  hold(req: BudgetedRequest, bytes: number): BodyHold | null;
  /** Seconds a refused sender is asked to wait. */
  readonly retryAfterS: number;
}
