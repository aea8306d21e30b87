import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Clock } from '../../core/ports/clock';
import { cookieLine, cookieOf, overHttps, signed, unsigned } from './cookies';
import type { SignedInPerson } from './providers';
import type { WebSession, WebSessions } from './web-sessions';

export const SESSION_COOKIE = 'wolbot_session';
/** A working day: long enough to read the gallery, short enough that a forgotten browser closes. */
export const SESSION_TTL_MS = 8 * 3600_000;

const hashOf = (id: string): string => createHash('sha256').update(id).digest('base64url');

/** What a session cookie turned out to be. */
export type SessionLookup = { session: WebSession } | 'none' | 'invalid';

/**
 * Sign-in sessions: a random id in a signed, HttpOnly, SameSite=Lax cookie (Secure under https),
 * its hash and the person in the store until it expires. A new id at every sign-in, whatever
 * cookie the browser brought (no fixation).
 */
export class SessionKeeper {
  constructor(
    private readonly d: { store: WebSessions; key: () => Promise<Buffer>; clock: Clock; publicUrl?: string },
  ) {}

  async lookup(req: Request): Promise<SessionLookup> {
    const cookie = cookieOf(req, SESSION_COOKIE);
    if (cookie === undefined) return 'none';
    const id = unsigned(await this.d.key(), cookie);
    if (id === null) return 'invalid';
    const session = await this.d.store.getSession(hashOf(id), this.d.clock.now());
    return session ? { session } : 'invalid';
  }

  /** Starts a session for this person; the one the browser held (if any) ends. */
  async open(req: Request, res: Response, person: SignedInPerson): Promise<void> {
    await this.end(req);
    const id = randomBytes(32).toString('base64url');
    const now = this.d.clock.now();
    await this.d.store.saveSession(hashOf(id), { ...person, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
    res.append('Set-Cookie', cookieLine(SESSION_COOKIE, signed(await this.d.key(), id), { path: '/', maxAgeS: SESSION_TTL_MS / 1000, secure: overHttps(req, this.d.publicUrl) }));
  }

  /** Ends the browser's session (sign-out) and clears its cookie. */
  async close(req: Request, res: Response): Promise<void> {
    await this.end(req);
    this.clear(req, res);
  }

  clear(req: Request, res: Response): void {
    res.append('Set-Cookie', cookieLine(SESSION_COOKIE, '', { path: '/', maxAgeS: 0, secure: overHttps(req, this.d.publicUrl) }));
  }

  private async end(req: Request): Promise<void> {
    const cookie = cookieOf(req, SESSION_COOKIE);
    const id = cookie === undefined ? null : unsigned(await this.d.key(), cookie);
    if (id !== null) await this.d.store.deleteSession(hashOf(id));
  }
}
