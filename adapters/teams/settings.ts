/** What the Teams adapter needs from the environment (config.ts fills it; nothing here reads env). */
export interface TeamsSettings {
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** TEAMS_ALLOW_ANONYMOUS=true: open the endpoint without an app id (local emulators only). */
  allowAnonymous: boolean;
  /** How long one connector request may take before it counts as "may have been sent" (default 15 s). */
  requestTimeoutMs?: number;
  /** Tests: how long verifying a token (signing keys included) may take before it is a 401 (default 5 s). */
  keyFetchBudgetMs?: number;
  /**
   * Tests: botbuilder authentication settings beside the app's (e.g. `ToBotFromChannelOpenIdMetadataUrl`
   * pointing at a local key server). Never read from the environment.
   */
  authOverrides?: Record<string, string | boolean>;
}

/** authenticated: app id set · anonymous: no app id, allowAnonymous · closed: endpoint answers 404. */
export type TeamsAuthMode = 'authenticated' | 'anonymous' | 'closed';

export function teamsAuthMode(s: TeamsSettings): TeamsAuthMode {
  if (s.appId && s.appId.trim()) return 'authenticated';
  return s.allowAnonymous ? 'anonymous' : 'closed';
}
