import { PLATFORMS } from '../../platforms';

/** Who an ID token says signed in: the platform whose channels their ids name. */
export interface SignedInPerson {
  platform: string;
  userId: string;
  workspaceId: string;
  name: string | null;
}

/** Each sign-in provider by name (`/auth/<name>`): its platform, its link's label, and its claims read (adapters/<platform>/signin.ts). */
export const PROVIDERS: Record<string, { platform: string; label: string; person(c: Record<string, unknown>): SignedInPerson | null }> = Object.fromEntries(
  PLATFORMS.flatMap((p) => {
    const spec = p.signin;
    if (!spec) return [];
    const person = (c: Record<string, unknown>): SignedInPerson | null => {
      const who = spec.person(c);
      return who ? { platform: p.name, ...who } : null;
    };
    return [[spec.provider, { platform: p.name, label: spec.label, person }]];
  }),
);

export const PROVIDER_NAMES = Object.keys(PROVIDERS);
