import type { SandboxMessages } from '../../adapters/local/sandbox-messages';
import type { Installations } from '../../adapters/slack/installations';
import type { Store } from '../core/ports/store';
import type { WebSessions } from '../http/signin/web-sessions';

/** Which database a store is: the dialect's few differences (locks, upserts) and what the host can do with it. */
export type StoreKind = 'sqlite' | 'postgres';

/**
 * The store as the composition root opens it: the core's roles, the ports adapters own (the store
 * keeps their data), and what only the wiring and the CLI ask: which database it is, and (SQLite)
 * a consistent copy while it runs. The core gets it as its Store; a platform as its PlatformStore.
 */
export interface OpenedStore extends Store, SandboxMessages, Installations, WebSessions {
  readonly kind: StoreKind;
  /** SQLite only: a consistent copy of the database while it runs (VACUUM INTO). */
  backup?(file: string): Promise<void>;
}
