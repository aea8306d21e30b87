import type { ChatAdapter } from './ports/chat-adapter';
import type { ChannelRecord, DeliveryRecord } from './ports/store';

/**
 * How one kind of ledger row (prompt, digest, kick-off, wrap-up) reaches a channel. The Deliverer
 * owns the ledger steps (claim, mark sending, sent/retry/failed, look before re-sending); a poster
 * only builds and sends its message. Register one per kind with `Deliverer.register`.
 */
export interface DeliveryPoster {
  /**
   * Post it; resolve with the id of the thread it opened (prompt) or went into (digest, …).
   * Throw a DeliveryError: `permanent` (recorded with its reason, admins told), `transient`
   * (the claim is given back and retried later), `uncertain` (looked up before any re-send).
   */
  post(rec: DeliveryRecord, channel: ChannelRecord, adapter: ChatAdapter): Promise<string>;
  /**
   * After a send that may have landed (its owner died, or a timeout): the thread id when the post
   * is surely there, null when surely not. Without it, such a row is marked uncertain and never
   * re-sent blindly.
   */
  lookUp?(rec: DeliveryRecord, channel: ChannelRecord, adapter: ChatAdapter): Promise<string | null>;
}
