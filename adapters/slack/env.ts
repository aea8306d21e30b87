/** Slack's environment: each variable's form (a zod schema) and which credential sets turn Slack on. */
import { z } from 'zod';
import { missingVars, unexpected, type EnvReading, type EnvVars } from '../../src/core/ports/platform-descriptor';
import type { SlackSettings } from './settings';

const optional = z.string().optional();

/** The variables Slack reads, each with its own check. */
const own = {
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  SLACK_MAX_POSTS_PER_SECOND: z
    .string()
    .refine((v) => /^\d*\.?\d+$/.test(v) && Number(v) > 0, { error: unexpected('SLACK_MAX_POSTS_PER_SECOND', 'a positive number') })
    .optional(),
  SLACK_COMMAND: z
    .string()
    .regex(/^\/[a-z0-9_-]{1,31}$/, { error: unexpected('SLACK_COMMAND', 'a slash command such as /wol (lower case letters, digits, - or _)') })
    .optional(),
  SLACK_API_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+/, { error: unexpected('SLACK_API_URL', 'an http(s) URL') })
    .optional(),
};

export const SLACK_ENV = Object.keys(own);

const fields = z.object({ ...own, WOLBOT_SECRET_KEY: optional });
type Vars = z.infer<typeof fields>;

/** The set the variables give (its mode), the line naming what that set lacks, or null: Slack is off. */
function credentialSet(v: Vars): { mode: SlackSettings['mode'] } | { problem: string } | null {
  const lacking = (names: (keyof Vars)[], why: string) => {
    const need = names.filter((n) => v[n] === undefined);
    return need.length ? { problem: missingVars(need, why) } : null;
  };
  if (v.SLACK_CLIENT_ID || v.SLACK_CLIENT_SECRET || v.SLACK_STATE_SECRET) {
    const why = 'Slack multi-workspace install needs SLACK_SIGNING_SECRET, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and WOLBOT_SECRET_KEY';
    return lacking(['SLACK_SIGNING_SECRET', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'WOLBOT_SECRET_KEY'], why) ?? { mode: 'oauth' };
  }
  if (v.SLACK_APP_TOKEN) return lacking(['SLACK_BOT_TOKEN'], 'Slack Socket Mode needs SLACK_BOT_TOKEN with SLACK_APP_TOKEN') ?? { mode: 'socket' };
  if (v.SLACK_BOT_TOKEN || v.SLACK_SIGNING_SECRET) {
    return (
      lacking(['SLACK_SIGNING_SECRET'], 'Slack HTTP mode needs SLACK_SIGNING_SECRET with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)') ??
      lacking(['SLACK_BOT_TOKEN'], 'Slack HTTP mode needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET for a multi-workspace install)') ?? { mode: 'http' }
    );
  }
  return null;
}

/** Every variable's form, then whether the credential set is complete: all problems in one pass. */
export const slackEnvSchema = fields.superRefine((v, ctx) => {
  const set = credentialSet(v);
  if (set && 'problem' in set) ctx.addIssue({ code: 'custom', message: set.problem });
});

/** SlackSettings from the environment, or null when no credential set is given. */
export function readSlackEnv(vars: EnvVars): EnvReading<SlackSettings> {
  const parsed = slackEnvSchema.safeParse(vars);
  if (!parsed.success) return { settings: null, problems: parsed.error.issues.map((i) => i.message) };
  const v = parsed.data;
  const set = credentialSet(v);
  if (!set || 'problem' in set) return { settings: null, problems: [] };
  const settings: SlackSettings = {
    signingSecret: v.SLACK_SIGNING_SECRET,
    botToken: v.SLACK_BOT_TOKEN,
    appToken: v.SLACK_APP_TOKEN,
    clientId: v.SLACK_CLIENT_ID,
    clientSecret: v.SLACK_CLIENT_SECRET,
    stateSecret: v.SLACK_STATE_SECRET,
    secretKey: v.WOLBOT_SECRET_KEY,
    apiUrl: v.SLACK_API_URL,
    maxPostsPerSecond: v.SLACK_MAX_POSTS_PER_SECOND === undefined ? 20 : Number(v.SLACK_MAX_POSTS_PER_SECOND),
    mode: set.mode,
    command: v.SLACK_COMMAND ?? '/wol',
  };
  return { settings, problems: [] };
}
