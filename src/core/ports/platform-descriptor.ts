import type { ChatAdapter } from './chat-adapter';
import type { Clock } from './clock';
import type { InboundPort } from './inbound';
import type { Logger } from './logger';
import type { Store } from './store';

/** An HTTP handler as express takes it; each adapter builds its own with its own router. */
export type HttpHandler = (req: never, res: never, next: (err?: unknown) => void) => void;

/** What the wiring gives a platform to build its adapter. */
export interface PlatformDeps {
  inbound: InboundPort;
  logger: Logger;
  clock: Clock;
  store: Store;
}

/** A platform's adapter and, when it receives over HTTP, its router on the shared server. */
export interface PlatformParts {
  adapter: ChatAdapter;
  router?: HttpHandler;
  /** Lines to log once at start (a risky setting, a mode). */
  warnings?: string[];
}

/**
 * Everything the rest of wolbot knows about one platform. Each adapters/<name>/ folder exports one;
 * src/platforms.ts keeps the list. Adding a platform = a folder and a line in that list.
 */
export interface PlatformDescriptor<S = unknown> {
  /** The platform's id: the `name:` prefix of its channels, its key in the store and the logs. */
  readonly name: string;
  /** How a chat command starts there, for help texts (`/wol `, `@wolbot `). */
  readonly commandPrefix: string;
  /** Environment variables it reads, and those that are secret (kept out of logs). */
  readonly env: readonly string[];
  readonly secretEnv: readonly string[];
  /** What one message can hold there. */
  readonly limits: { readonly messageBytes?: number; readonly headerChars?: number };
  /** Its route sits behind the page's access rule (the sandbox's API under /v1). */
  readonly behindWebGuard?: boolean;
  /**
   * On or off for this start: `settings` is what the config read for it (null: its credentials
   * are absent), `channels` the configured ones, `othersOn` whether another platform is on.
   */
  isOn(ctx: { settings: S | null; channels: readonly { platform: string }[]; othersOn: boolean }): boolean;
  /** Builds the adapter (heavy libraries are loaded here, only when the platform is on). */
  create(settings: S | null, deps: PlatformDeps): Promise<PlatformParts>;
}
