import { WolbotError } from './coded-error';

/**
 * How an adapter tells the core that a send failed. The ledger decides what happens next from the
 * kind; adapters never retry a send themselves.
 * - permanent: will not work without a human (channel archived, bot removed, token revoked).
 * - transient: safe to retry later (429, 5xx, network error before the request left).
 * - uncertain: the request may have reached the platform (timeout after sending).
 */
export type DeliveryErrorKind = 'permanent' | 'transient' | 'uncertain';

export class DeliveryError extends WolbotError {
  readonly kind: DeliveryErrorKind;
  /** Platform's short reason, e.g. `not_in_channel`, `http_403`. */
  readonly reason: string;
  /** Honour the platform's Retry-After when it gave one. */
  readonly retryAfterMs?: number;
  /** A permanent failure that means the channel is gone for good: deactivate it. */
  readonly deactivateChannel: boolean;

  constructor(
    kind: DeliveryErrorKind,
    reason: string,
    opts: { retryAfterMs?: number; deactivateChannel?: boolean; message?: string } = {},
  ) {
    super('platform_delivery', opts.message ?? `${kind} delivery error: ${reason}`);
    this.name = 'DeliveryError';
    this.kind = kind;
    this.reason = reason;
    this.retryAfterMs = opts.retryAfterMs;
    this.deactivateChannel = opts.deactivateChannel ?? false;
  }
}

export function isDeliveryError(e: unknown): e is DeliveryError {
  return e instanceof DeliveryError;
}
