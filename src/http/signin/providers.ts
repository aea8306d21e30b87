import type { SigninProviderName } from '../../config';

/** Who an ID token says signed in: the platform whose channels their ids name. */
export interface SignedInPerson {
  platform: string;
  userId: string;
  workspaceId: string;
  name: string | null;
}

type Claims = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * Each provider's claims, as their documentation names them: "Sign in with Slack" carries the
 * Slack user and team ids; Microsoft Entra ID the object id (the Teams user's `aadObjectId`) and tenant.
 */
export const PROVIDERS: Record<SigninProviderName, { platform: string; label: string; person(c: Claims): SignedInPerson | null }> = {
  slack: {
    platform: 'slack',
    label: 'Slack',
    person: (c) => {
      const userId = text(c['https://slack.com/user_id']);
      const workspaceId = text(c['https://slack.com/team_id']);
      return userId && workspaceId ? { platform: 'slack', userId, workspaceId, name: text(c.name) ?? null } : null;
    },
  },
  microsoft: {
    platform: 'teams',
    label: 'Microsoft',
    person: (c) => {
      const userId = text(c.oid);
      const workspaceId = text(c.tid);
      return userId && workspaceId ? { platform: 'teams', userId, workspaceId, name: text(c.name) ?? null } : null;
    },
  },
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as SigninProviderName[];
