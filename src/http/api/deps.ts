import type { Logger } from '../../core/ports/logger';
import type { Channels, Connections, Ledger, People, Replies } from '../../core/ports/store';
import type { WolbotCore } from '../../core/wolbot-core';
import type { ScopeResolver } from '../scope';

/** What the /v1 read routes are built from. */
export interface ApiDeps {
  core: WolbotCore;
  /** What the export and the figures read (never the store's lifecycle: ping, close, meta). */
  store: Channels & Ledger & Replies & People & Connections;
  logger: Logger;
  /** What each asker may see (the operator everything; a signed-in person their own programme). */
  scope: ScopeResolver;
}
