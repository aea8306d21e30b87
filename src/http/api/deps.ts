import type { Logger } from '../../core/ports/logger';
import type { Store } from '../../core/ports/store';
import type { WolbotCore } from '../../core/wolbot-core';

/** What the /v1 read routes are built from. */
export interface ApiDeps {
  core: WolbotCore;
  store: Store;
  logger: Logger;
}
