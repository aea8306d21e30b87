/** Teams' environment: each variable's form (a zod schema) and what each app type needs. */
import { z } from 'zod';
import { missingVars, unexpected, type EnvReading, type EnvVars } from '../../src/core/ports/platform-descriptor';
import type { TeamsSettings } from './settings';

type AppType = NonNullable<TeamsSettings['appType']>;
const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
/** The app type as written, in any case; undefined when it is none of them. */
const appTypeOf = (raw: string): AppType | undefined => APP_TYPES.find((t) => t.toLowerCase() === raw.toLowerCase());

const optional = z.string().optional();

/** The variables Teams reads, each with its own check (in the order problems are reported). */
const own = {
  TEAMS_ALLOW_ANONYMOUS: z
    .string()
    .regex(/^(true|1|yes|false|0|no)$/i, { error: unexpected('TEAMS_ALLOW_ANONYMOUS', 'true or false') })
    .optional(),
  MICROSOFT_APP_TYPE: z
    .string()
    .refine((t) => appTypeOf(t) !== undefined, { error: unexpected('MICROSOFT_APP_TYPE', `one of ${APP_TYPES.join(', ')}`) })
    .optional(),
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TENANT_ID: optional,
};

export const TEAMS_ENV = Object.keys(own);

const fields = z.object(own);
type Vars = z.infer<typeof fields>;

const NEEDS: Record<AppType, string> = {
  MultiTenant: 'Teams needs MICROSOFT_APP_ID with MICROSOFT_APP_PASSWORD',
  SingleTenant: 'a SingleTenant Teams app needs MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID',
  UserAssignedMSI: 'a UserAssignedMSI Teams app needs MICROSOFT_APP_ID and MICROSOFT_APP_TENANT_ID',
};

/** The app's type when any app variable is set (MultiTenant unless given); null: no app, only perhaps anonymous. */
function appTypeFor(v: Vars): AppType | null {
  if (!v.MICROSOFT_APP_ID && !v.MICROSOFT_APP_PASSWORD && !v.MICROSOFT_APP_TENANT_ID && !v.MICROSOFT_APP_TYPE) return null;
  return v.MICROSOFT_APP_TYPE === undefined ? 'MultiTenant' : (appTypeOf(v.MICROSOFT_APP_TYPE) ?? null);
}

/** Every variable's form, then whether the app's variables are complete for its type. */
export const teamsEnvSchema = fields.superRefine((v, ctx) => {
  const type = appTypeFor(v);
  if (type === null) return; // no app, or a type that is none (reported by its own check)
  const need: string[] = [];
  if (!v.MICROSOFT_APP_ID) need.push('MICROSOFT_APP_ID');
  if (type !== 'UserAssignedMSI' && !v.MICROSOFT_APP_PASSWORD) need.push('MICROSOFT_APP_PASSWORD');
  if (type !== 'MultiTenant' && !v.MICROSOFT_APP_TENANT_ID) need.push('MICROSOFT_APP_TENANT_ID');
  if (need.length) ctx.addIssue({ code: 'custom', message: missingVars(need, NEEDS[type]) });
});

/** TeamsSettings from the environment: an app, anonymous only (TEAMS_ALLOW_ANONYMOUS alone), or null. */
export function readTeamsEnv(vars: EnvVars): EnvReading<TeamsSettings> {
  const parsed = teamsEnvSchema.safeParse(vars);
  if (!parsed.success) return { settings: null, problems: parsed.error.issues.map((i) => i.message) };
  const v = parsed.data;
  const allowAnonymous = v.TEAMS_ALLOW_ANONYMOUS !== undefined && /^(true|1|yes)$/i.test(v.TEAMS_ALLOW_ANONYMOUS);
  const appType = appTypeFor(v);
  if (appType === null) return { settings: allowAnonymous ? { allowAnonymous } : null, problems: [] };
  const settings: TeamsSettings = {
    appId: v.MICROSOFT_APP_ID,
    appType,
    allowAnonymous,
    // A managed identity has no password: one given anyway is not passed on.
    appPassword: appType === 'UserAssignedMSI' ? undefined : v.MICROSOFT_APP_PASSWORD,
    appTenantId: v.MICROSOFT_APP_TENANT_ID,
  };
  return { settings, problems: [] };
}
