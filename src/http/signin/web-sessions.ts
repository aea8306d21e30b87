/**
 * Signed-in people's sessions, kept in the store so every replica knows them. The store holds a
 * hash of the session id (the cookie's secret), never the id itself. A port src/http owns;
 * src/store implements it.
 */
export interface WebSession {
  /** The platform whose accounts signed in (Microsoft sign-in reaches Teams channels). */
  platform: string;
  /** The person's id there: Slack user id, or the Entra object id (oid). */
  userId: string;
  /** Slack team id or Entra tenant id. */
  workspaceId: string;
  name: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface WebSessions {
  saveSession(idHash: string, session: WebSession): Promise<void>;
  /** The session when it exists and has not expired at `now`. */
  getSession(idHash: string, now: Date): Promise<WebSession | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Drops sessions expired before `now`; returns how many. */
  pruneSessions(now: Date): Promise<number>;
}
