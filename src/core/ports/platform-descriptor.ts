import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { BodyBudget, BudgetedRequest } from './body-budget';
import type { ChatAdapter } from './chat-adapter';
import type { Clock } from './clock';
import type { InboundPort, PlainText } from './inbound';
import type { Logger } from './logger';
import type { PreviewMessage } from './preview';
import type { Store } from './store';

/**
 * A platform's router as the server mounts it (Node's request and response, and `next` for what it
 * does not serve). Written as a method so its parameters are checked both ways, as express's own
 * handler types are: an express Router (whose request is an IncomingMessage with more on it) fits;
 * a handler of anything else — a string, a Koa context, its arguments swapped — does not compile.
 */
interface HttpHandlerMethod {
  handle(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
}
export type HttpHandler = HttpHandlerMethod['handle'];

/**
 * A hot route the server may serve before its middleware (the HTTP server hands it the exact
 * method and path first): its handler takes plain Node req/res and does its own checks — limits,
 * authentication, answer headers. A platform hands it over in PlatformParts.directRoutes and keeps
 * it mounted in its router too (a path spelled otherwise still reaches it there).
 */
export interface DirectRoute {
  method: string;
  path: string;
  /** Served before any middleware, so it gets exactly Node's request and response (a property, not a method: checked strictly). */
  handle: RequestListener;
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
  /** Bytes held for not-yet-authenticated bodies, shared by every platform endpoint (absent: unbounded, tests). */
  bodyBudget?: BodyBudget;
  /** The client a request's rate limits count against: the socket's address, or X-Forwarded-For's with TRUST_PROXY. */
  clientAddress?: (req: BudgetedRequest) => string;
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

/** A platform's message limits (each optional: a platform names those it has). */
export interface PlatformLimits {
  /** Bytes of a prompt's words together (UTF-8), the conservative programme check. */
  readonly messageBytes?: number;
  readonly headerChars?: number;
  readonly sectionChars?: number;
  readonly blocks?: number;
  /** All text of a message's blocks together. */
  readonly blockTextChars?: number;
  /** A message's plain `text`. */
  readonly textChars?: number;
  /** The whole request body as sent, counted as UTF-16 bytes. */
  readonly bodyUtf16Bytes?: number;
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
  /**
   * What one message can hold there; the programme is checked against the smallest of each, and
   * the platform's renderers measure every message against its own before sending.
   */
  readonly limits: PlatformLimits;
  /**
   * Whether, with these settings, it receives from other machines. When no platform that is on
   * does, the server binds loopback only. Absent: never (the sandbox).
   */
  reachableFromOutside?(settings: S | null): boolean;
  /**
   * Paths only the platform's own servers call (its ingest endpoints). Their answers are a few
   * bytes of JSON no browser renders, on the hot path: they carry only the headers every answer
   * must carry (src/http/security-headers.ts), not the page's.
   */
  readonly endpoints?: readonly string[];
  /** Why `id` cannot be a channel id there (a name where an id belongs), or null. Pure: `check` uses it. */
  channelIdProblem?(id: string): string | null;
  /**
   * Builds the app package to upload into the platform (src/cli/app-package.ts) from the
   * environment (with .env read in) and returns its path. Throws a WolbotError `config_invalid`
   * when the environment lacks what it needs.
   */
  readonly packageApp?: (vars: EnvVars) => Promise<string>;
  /** Its route sits behind the page's access rule (the sandbox's API under /v1). */
  readonly behindWebGuard?: boolean;
  /**
   * On or off for this start: `settings` is what the config read for it (null: its credentials
   * are absent), `channels` the configured ones, `othersOn` whether another platform is on.
   */
  isOn(ctx: { settings: S | null; channels: readonly { platform: string }[]; othersOn: boolean }): boolean;
  /**
   * What the core reads of a reply stored as written before the store kept plain text (migration
   * 004): best effort from the markup the written text still holds. Absent: read as written, no mentions.
   */
  readWritten?(text: string): PlainText;
  /**
   * A message as this platform would show it, as text in its own markup (`wolbot preview`, the
   * page). Absent: the plain text the sandbox shows.
   */
  preview?(message: PreviewMessage): string;
  /** Sign-in to the page with this platform's accounts (absent: none). */
  readonly signin?: SigninSpec;
  /** Builds the adapter (heavy libraries are loaded here, only when the platform is on). */
  create(settings: S | null, deps: PlatformDeps): Promise<PlatformParts>;
}
