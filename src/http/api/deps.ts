import type { Logger } from '../../core/ports/logger';
import type { Channels, Ledger, People, Replies } from '../../core/ports/store';
import type { WolbotCore } from '../../core/wolbot-core';

/** What the /v1 read routes are built from. */
export interface ApiDeps {
  core: WolbotCore;
  /** What the export and the figures read (never the store's lifecycle: ping, close, meta). */
  store: Channels & Ledger & Replies & People;
  logger: Logger;
}
