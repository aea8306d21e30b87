/**
 * `npm run teams:package`: the Teams app package for the bot whose MICROSOFT_APP_ID is in the
 * environment or in `.env` (the adapter builds the zip; reading the environment is the config's).
 */
import { buildTeamsPackage } from '../../adapters/teams/package-app';
import { loadDotenv } from '../config/env';
import { processEnv } from '../config/process-env';

/** MICROSOFT_APP_ID from the environment, else from .env in the working directory. */
export function appIdFrom(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const withDotenv = { ...env };
  loadDotenv(cwd, withDotenv);
  return withDotenv.MICROSOFT_APP_ID?.trim() || undefined;
}

export function main(env: NodeJS.ProcessEnv = processEnv(), cwd = process.cwd()): number {
  const appId = appIdFrom(env, cwd);
  if (!appId) {
    process.stderr.write('teams:package: MICROSOFT_APP_ID is not set (in the environment or .env). Register the bot in Azure first: see "Connect to Microsoft Teams" in README.md.\n');
    return 1;
  }
  try {
    const out = buildTeamsPackage({ appId });
    process.stdout.write(`${out}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`teams:package: ${(err as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
