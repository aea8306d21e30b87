import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { appPackageDir, buildTeamsPackage } from '../adapters/teams/package-app';
import { appIdFrom, main } from '../src/cli/teams-package';
import { pngSize } from '../adapters/teams/png';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

/** RGBA pixels of one of our (filter 0, 8-bit RGBA) PNGs. */
function pixels(buf: Buffer): number[][] {
  const { width, height } = pngSize(buf)!;
  let off = 8;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const out: number[][] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    for (let x = 0; x < width; x++) {
      const i = y * (width * 4 + 1) + 1 + x * 4;
      out.push([raw[i], raw[i + 1], raw[i + 2], raw[i + 3]]);
    }
  }
  return out;
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

    const color = zip.readFile('color.png')!;
    const outline = zip.readFile('outline.png')!;
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    // outline: white on transparent, nothing else
    const op = pixels(outline);
    expect(op.every(([r, g, b, a]) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    expect(op.some(([, , , a]) => a === 0)).toBe(true);
    expect(op.some(([, , , a]) => a === 255)).toBe(true);
    // color: fully opaque
    expect(pixels(color).every(([, , , a]) => a === 255)).toBe(true);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildTeamsPackage({ appId: 'my-bot', out: path.join(tmp, 'x.zip') })).toThrow(/GUID/);
  });

  it('exits 1 with a clear message when no app id is set, and reads it from .env otherwise', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-teams-env-'));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(main({}, cwd)).toBe(1);
      expect(String(err.mock.calls[0][0])).toMatch(/MICROSOFT_APP_ID is not set/);
    } finally {
      err.mockRestore();
    }
    fs.writeFileSync(path.join(cwd, '.env'), `MICROSOFT_APP_ID=${APP_ID}\n`);
    expect(appIdFrom({}, cwd)).toBe(APP_ID);
    expect(appIdFrom({ MICROSOFT_APP_ID: 'from-env' }, cwd)).toBe('from-env');
  });

  it('finds its appPackage folder from the sources', () => {
    expect(fs.existsSync(path.join(appPackageDir(), 'manifest.json'))).toBe(true);
  });
});
