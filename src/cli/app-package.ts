/**
 * `node dist/src/cli/app-package.js PLATFORM` (`npm run teams:package` for Teams): the package to upload
 * into that platform, built by its descriptor from the environment and `.env` (reading the
 * environment is the config's). Prints the package's path; exit 1 when the environment lacks what
 * it needs, 2 for a platform that has no package.
 */
import { loadDotenv } from '../config/env';
import { processEnv } from '../config/process-env';
import { hasCode } from '../core/ports/coded-error';
import type { PlatformDescriptor } from '../core/ports/platform-descriptor';
import { PLATFORMS } from '../platforms';

/** The environment with `.env` in the working directory filled in under it (the environment wins). */
export function envWithDotenv(env: NodeJS.ProcessEnv, cwd: string): NodeJS.ProcessEnv {
  const withDotenv = { ...env };
  loadDotenv(cwd, withDotenv);
  return withDotenv;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = processEnv(), cwd = process.cwd(), platforms: readonly PlatformDescriptor[] = PLATFORMS): Promise<number> {
  const packaged = platforms.filter((p) => p.packageApp);
  const platform = packaged.find((p) => p.name === argv[0]);
  if (!platform?.packageApp) {
    process.stderr.write(`app:package: name a platform with an app package: ${packaged.map((p) => p.name).join(', ')}\n`);
    return 2;
  }
  try {
    process.stdout.write(`${await platform.packageApp(envWithDotenv(env, cwd))}\n`);
    return 0;
  } catch (err) {
    if (!hasCode(err, 'config_invalid')) throw err;
    process.stderr.write(`${platform.name}:package: ${err.message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`app:package: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
