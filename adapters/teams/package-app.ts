/**
 * The Teams app package: fills the app id into appPackage/manifest.json and writes
 * appPackage/wolbot-teams.zip (manifest.json, color.png, outline.png) to upload into Teams.
 * `npm run teams:package` (src/cli/app-package.ts, through the descriptor's packageApp) calls packageFromEnv.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { WolbotError } from '../../src/core/ports/coded-error';
import type { EnvVars } from '../../src/core/ports/platform-descriptor';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folder holding appPackage/, whether running from the sources or from dist/. */
export function appPackageDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'adapters', 'teams', 'appPackage');
    if (fs.existsSync(path.join(candidate, 'manifest.json')) && fs.existsSync(path.join(dir, 'package.json'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('adapters/teams/appPackage/manifest.json not found above ' + __dirname);
    dir = up;
  }
}

export function fillManifest(template: string, appId: string): Record<string, unknown> {
  return JSON.parse(template.split('{{MICROSOFT_APP_ID}}').join(appId)) as Record<string, unknown>;
}

export function buildTeamsPackage(opts: { appId: string; dir?: string; out?: string }): string {
  const appId = opts.appId.trim();
  if (!GUID.test(appId)) throw new WolbotError('config_invalid', `MICROSOFT_APP_ID must be the bot's Microsoft app id (a GUID), got "${appId}"`);
  const dir = opts.dir ?? appPackageDir();
  const manifest = fillManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), appId);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  zip.addLocalFile(path.join(dir, 'color.png'));
  zip.addLocalFile(path.join(dir, 'outline.png'));
  const out = opts.out ?? path.join(dir, 'wolbot-teams.zip');
  zip.writeZip(out);
  return out;
}

/** The package for the bot whose MICROSOFT_APP_ID is in `vars` (the environment with .env read in). */
export function packageFromEnv(vars: EnvVars): string {
  const appId = vars.MICROSOFT_APP_ID?.trim();
  if (!appId) throw new WolbotError('config_invalid', 'MICROSOFT_APP_ID is not set (in the environment or .env). Register the bot in Azure first: see "Connect to Microsoft Teams" in README.md.');
  return buildTeamsPackage({ appId });
}
