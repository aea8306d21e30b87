import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { appPackageDir, buildTeamsPackage } from '../adapters/teams/package-app';
import { teamsPlatform } from '../adapters/teams/platform';
import { envWithDotenv, main } from '../src/cli/app-package';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/** Width, height and RGBA pixels of a PNG, read by pngjs. */
function png(buf: Buffer): { width: number; height: number; pixels: number[][] } {
  const { width, height, data } = PNG.sync.read(buf);
  const pixels: number[][] = [];
  for (let i = 0; i < data.length; i += 4) pixels.push([data[i], data[i + 1], data[i + 2], data[i + 3]]);
  return { width, height, pixels };
}

describe('Teams app package', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-teams-pkg-'));

  it('writes a zip whose manifest has the schema\'s required fields, the app id filled in and the right icons', () => {
    const out = buildTeamsPackage({ appId: APP_ID, out: path.join(tmp, 'app.zip') });
    const zip = new AdmZip(out);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = zip.readAsText('manifest.json');
    expect(text).not.toContain('{{');
    const m = JSON.parse(text);
    expect(m.$schema).toMatch(/teams\/v1\.(1[7-9]|2\d)\/MicrosoftTeams\.schema\.json$/);
    expect(m.manifestVersion).toMatch(/^1\.(1[7-9]|2\d)$/);
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.id).toBe(APP_ID);
    for (const k of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(m.developer[k]).toEqual(expect.any(String));
    for (const k of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(m.developer[k]).toMatch(/^https:\/\//);
    expect(m.name.short.length).toBeGreaterThan(0);
    expect(m.name.short.length).toBeLessThanOrEqual(30);
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    expect(m.description.full.length).toBeLessThanOrEqual(4000);
    expect(m.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(m.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(m.bots[0].botId).toBe(APP_ID);
    expect(m.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const titles = m.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    expect([...new Set(titles)].sort()).toEqual(['circle', 'circles', 'connect', 'digest', 'forget me', 'help', 'introduce', 'pause', 'post', 'resume', 'status', 'subscribe', 'unsubscribe']);
    for (const l of m.bots[0].commandLists) {
      expect(l.commands.length).toBeLessThanOrEqual(10);
      for (const c of l.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    expect(m.webApplicationInfo.id).toBe(APP_ID);
    expect(m.authorization.permissions.resourceSpecific).toContainEqual({ name: 'ChannelMessage.Read.Group', type: 'Application' });

    const color = png(zip.readFile('color.png')!);
    const outline = png(zip.readFile('outline.png')!);
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    // outline: white on transparent, nothing else
    const op = outline.pixels;
    expect(op.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(op.some(([, , , a]) => a === 0)).toBe(true);
    expect(op.some(([, , , a]) => a === 255)).toBe(true);
    // color: fully opaque
    expect(color.pixels.every(([, , , a]) => a === 255)).toBe(true);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildTeamsPackage({ appId: 'my-bot', out: path.join(tmp, 'x.zip') })).toThrow(/GUID/);
  });

  it('exits 1 with a clear message when no app id is set, and reads it from .env otherwise', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-teams-env-'));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['teams'], {}, cwd)).toBe(1);
      expect(String(err.mock.calls[0][0])).toMatch(/^teams:package: MICROSOFT_APP_ID is not set/);
      expect(await main(['teams'], { MICROSOFT_APP_ID: 'my-bot' }, cwd)).toBe(1);
      expect(String(err.mock.calls[1][0])).toMatch(/GUID/);
      expect(await main(['slack'], {}, cwd)).toBe(2);
      expect(String(err.mock.calls[2][0])).toMatch(/with an app package: teams\n$/);
    } finally {
      err.mockRestore();
    }
    fs.writeFileSync(path.join(cwd, '.env'), `MICROSOFT_APP_ID=${APP_ID}\n`);
    expect(envWithDotenv({}, cwd).MICROSOFT_APP_ID).toBe(APP_ID);
    expect(envWithDotenv({ MICROSOFT_APP_ID: 'from-env' }, cwd).MICROSOFT_APP_ID).toBe('from-env');
  });

  it('the Teams descriptor builds the package from the environment (the CLI names no platform)', async () => {
    const out = await teamsPlatform.packageApp!({ MICROSOFT_APP_ID: APP_ID });
    expect(JSON.parse(new AdmZip(out).readAsText('manifest.json')).id).toBe(APP_ID);
    fs.rmSync(out);
  });

  it('finds its appPackage folder from the sources', () => {
    expect(fs.existsSync(path.join(appPackageDir(), 'manifest.json'))).toBe(true);
  });
});
