import type { SigninSpec } from '../../src/core/ports/platform-descriptor';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** "Sign in with Slack" (OpenID Connect, issuer https://slack.com): the ID token names the Slack user and team. */
export const slackSignin: SigninSpec = {
  provider: 'slack',
  label: 'Slack',
  defaultIssuer: () => 'https://slack.com',
  person: (c) => {
    const userId = text(c['https://slack.com/user_id']);
    const workspaceId = text(c['https://slack.com/team_id']);
    return userId && workspaceId ? { userId, workspaceId, name: text(c.name) ?? null } : null;
  },
};
