import type { ChatAdapter } from './chat-adapter';
import type { Clock } from './clock';
import type { InboundPort } from './inbound';
import type { Logger } from './logger';
import type { Store } from './store';

/** An HTTP handler as express takes it; each adapter builds its own with its own router. */
export type HttpHandler = (req: never, res: never, next: (err?: unknown) => void) => void;

/**
 * A hot route the server may serve before its middleware (the HTTP server hands it the exact
 * method and path first): its handler takes plain Node req/res and does its own checks — limits,
 * authentication, answer headers. A platform hands it over in PlatformParts.directRoutes and keeps
 * it mounted in its router too (a path spelled otherwise still reaches it there).
 */
export interface DirectRoute {
  method: string;
  path: string;
  handle(req: never, res: never): void;
}

/**
 * The store as a platform's factory gets it: the core's roles, plus the ports adapters own for
 * their own data. Each adapter declares its port in its folder and adds it to this interface there
 * (`declare module '…/platform-descriptor' { interface PlatformStore extends ItsPort {} }`), so
 * the core never names them; src/store implements them, and the wiring does not compile until it does.
 */
export interface PlatformStore extends Store {}

/** What the wiring gives a platform to build its adapter. */
export interface PlatformDeps {
  inbound: InboundPort;
  logger: Logger;
  clock: Clock;
  store: PlatformStore;
}

/** The environment as the config hands it to a platform: values trimmed, empty ones left out. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/** What a platform read from the environment: its settings (null: off) and every problem found. */
export interface EnvReading<S> {
  settings: S | null;
  /** One line each, starting with the variable's name (the config reports them all at once). */
  problems: string[];
}

/** The line for an incomplete credential set: `A, B: missing — why`. */
export function missingVars(names: readonly string[], why: string): string {
  return `${names.join(', ')}: missing — ${why}`;
}

/** A variable's problem as a zod `error` option: `NAME: expected …, got "value"`. */
export function unexpected(name: string, expected: string): (issue: { input?: unknown }) => string {
  return (issue) => `${name}: expected ${expected}, got "${String(issue.input)}"`;
}

/**
 * How people of a platform sign in to the page (OpenID Connect): the provider's name (its routes
 * `/auth/<provider>` and variables `SIGNIN_<PROVIDER>_*`), and what its ID token says about them.
 */
export interface SigninSpec {
  readonly provider: string;
  /** As the page's link names it: "Sign in with <label>". */
  readonly label: string;
  /** The issuer when SIGNIN_<PROVIDER>_ISSUER is not given, from the platform's own variables. */
  defaultIssuer(vars: EnvVars): string | undefined;
  /** The user and workspace ids the claims name, as this platform's channels and replies know them. */
  person(claims: Record<string, unknown>): { userId: string; workspaceId: string; name: string | null } | null;
}

/** A platform's adapter and, when it receives over HTTP, its router on the shared server. */
export interface PlatformParts {
  adapter: ChatAdapter;
  router?: HttpHandler;
  /** Hot routes of that router the server may serve before its middleware. */
  directRoutes?: DirectRoute[];
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
  /** Keys under which its settings or libraries hold secrets in logged objects (redacted by key). */
  readonly secretFields?: readonly string[];
  /**
   * Reads its settings from the environment (its own zod schema; only src/config/ reads the
   * process's environment and passes it in). Absent: the platform has no settings (null).
   */
  readEnv?(vars: EnvVars): EnvReading<S>;
  /** What one message can hold there; the programme is checked against the smallest of each. */
  readonly limits: { readonly messageBytes?: number; readonly headerChars?: number; readonly sectionChars?: number };
  /**
   * Whether, with these settings, it receives from other machines. When no platform that is on
   * does, the server binds loopback only. Absent: never (the sandbox).
   */
  reachableFromOutside?(settings: S | null): boolean;
  /** Its route sits behind the page's access rule (the sandbox's API under /v1). */
  readonly behindWebGuard?: boolean;
  /**
   * On or off for this start: `settings` is what the config read for it (null: its credentials
   * are absent), `channels` the configured ones, `othersOn` whether another platform is on.
   */
  isOn(ctx: { settings: S | null; channels: readonly { platform: string }[]; othersOn: boolean }): boolean;
  /** Sign-in to the page with this platform's accounts (absent: none). */
  readonly signin?: SigninSpec;
  /** Builds the adapter (heavy libraries are loaded here, only when the platform is on). */
  create(settings: S | null, deps: PlatformDeps): Promise<PlatformParts>;
}
