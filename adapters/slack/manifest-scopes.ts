/**
 * The bot scopes, from one list: the app manifest (adapters/slack/manifest.yml). The OAuth install
 * asks for exactly these, so a workspace installed through /slack/install can do everything an app
 * created from the manifest can (admins' DMs need im:write).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** manifest.yml, whether running from the sources or from dist/. */
export function manifestPath(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'adapters', 'slack', 'manifest.yml');
    if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'package.json'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`adapters/slack/manifest.yml not found above ${__dirname}`);
    dir = up;
  }
}

/** `oauth_config.scopes.bot` of the manifest. */
export function manifestBotScopes(file = manifestPath()): string[] {
  const manifest = parse(fs.readFileSync(file, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
  const scopes = manifest.oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === 'string')) {
    throw new Error(`${file}: oauth_config.scopes.bot must list the bot scopes`);
  }
  return scopes as string[];
}
