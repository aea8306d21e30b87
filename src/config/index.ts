/**
 * The only reader of process.env and of the YAML files. Everything here validates and reports
 * every problem at once (ConfigError.problems, one `FILE:LINE: field: problem` line each).
 */
import path from 'node:path';
import { demoAnchor, demoSettings, type DemoAnchor } from './demo';
import { loadOrganizerConfig, type LoadedSettings } from './organizer';

export { ConfigError } from './config-error';
export { loadDotenv, readEnv, DEFAULT_DATABASE_URL, LOG_LEVELS } from './env';
export type { EnvSettings } from './env';
export { SIGNIN_SECRET_ENV, isLoopbackHttp, type SigninClient, type SigninSettings } from './signin';
export { parseDuration } from './duration';
export { parseChannelSpec, isChannelSpecError, type ChannelSpec } from './channel-spec';
export { demoAnchor, readDemoAnchor, DEMO_CONFIG_FILE, DEMO_ADMIN, type DemoAnchor } from './demo';
export { readProgrammeFile, schedulesDir, DEFAULT_FOOTER } from './programme-file';
export { resolveProgramme, DEFAULT_GRACE, DEFAULT_RETENTION, type LoadedSettings } from './organizer';
export { HEADER_MAX_CHARS, SECTION_MAX_CHARS, PROMPT_MAX_BYTES, dayPrefix, themeMaxChars } from './limits';

/**
 * The organizer config at `configPath` (resolved against `cwd`) and its programme, or the built-in
 * demo config when `configPath` is null. Throws ConfigError listing every problem.
 */
export function loadSettings(
  configPath: string | null,
  cwd: string,
  opts: { demoAnchor?: DemoAnchor; now: Date },
): LoadedSettings {
  if (configPath === null) return demoSettings(opts.demoAnchor ?? demoAnchor(opts.now), cwd);
  return loadOrganizerConfig(path.resolve(cwd, configPath), cwd);
}
export { configFingerprint, loadedMark, readLoadedMark, CONFIG_META_KEY } from './fingerprint';
