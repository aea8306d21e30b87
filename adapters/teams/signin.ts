import type { SigninSpec } from '../../src/core/ports/platform-descriptor';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * "Sign in with Microsoft" (Entra ID, issuer https://login.microsoftonline.com/<tenant>/v2.0): the
 * object id `oid` is the Teams user's aadObjectId (what replies are stored under), `tid` the tenant.
 */
export const microsoftSignin: SigninSpec = {
  provider: 'microsoft',
  label: 'Microsoft',
  defaultIssuer: (vars) => (vars.MICROSOFT_APP_TENANT_ID ? `https://login.microsoftonline.com/${vars.MICROSOFT_APP_TENANT_ID}/v2.0` : undefined),
  person: (c) => {
    const userId = text(c.oid);
    const workspaceId = text(c.tid);
    return userId && workspaceId ? { userId, workspaceId, name: text(c.name) ?? null } : null;
  },
};
