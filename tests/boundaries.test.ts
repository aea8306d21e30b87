import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { adapterFolders, importsOf, processEnvUses, ROOT, tsFilesUnder, valueImportsOf, violations } from './helpers/import-graph';

describe('architecture boundaries (resolved imports of every file, checked against allow-lists)', () => {
  test('the core imports only the core, luxon, node:crypto, intl-messageformat and the pure text libraries (minisearch, snowball-stemmers, stopword)', () => {
    const files = tsFilesUnder(path.join(ROOT, 'src', 'core'));
    expect(files.length).toBeGreaterThan(20);
    // One exception: the ports name Node's HTTP types for the platforms' routers, types only (no
    // code of node:http runs in the core).
    const httpTypes = (f: string) => (i: { pkg?: string; from: string }) => i.pkg === 'node:http' && i.from.startsWith('src/core/ports/') && !valueImportsOf(f).some((v) => v.pkg === 'node:http');
    const imports = files.flatMap((f) => importsOf(f).filter((i) => !httpTypes(f)(i)));
    expect(violations(imports)).toEqual([]);
  });

  test('every adapters/* folder imports only the core ports, its own folder and its own libraries', () => {
    const folders = adapterFolders();
    expect(folders).toEqual(expect.arrayContaining(['local', 'slack', 'teams']));
    for (const a of folders) {
      const imports = tsFilesUnder(path.join(ROOT, 'adapters', a)).flatMap((f) => importsOf(f));
      expect(imports.some((i) => i.file?.startsWith('src/core/ports/'))).toBe(true);
      expect(violations(imports)).toEqual([]);
    }
  });

  test('src/store implements the ports adapters own, importing their types only', () => {
    const files = tsFilesUnder(path.join(ROOT, 'src', 'store'));
    const fromAdapters = files.flatMap((f) => importsOf(f)).filter((i) => i.file?.startsWith('adapters/'));
    expect(fromAdapters.map((i) => i.file)).toEqual(expect.arrayContaining(['adapters/local/sandbox-messages.ts', 'adapters/slack/installations.ts']));
    const values = files.flatMap((f) => valueImportsOf(f)).filter((i) => i.file?.startsWith('adapters/'));
    expect(values.map((i) => `${i.from} imports ${i.specifier}`)).toEqual([]);
    // The check tells a type import from a value import in every form.
    const fake = path.join(ROOT, 'src', 'store', 'fake-file.ts');
    const text = [
      "import type { A } from '../../adapters/local/sandbox-messages';",
      "import { type B } from '../../adapters/slack/installations';",
      "export type { C } from '../../adapters/slack/installations';",
      "import { LocalAdapter } from '../../adapters/local/local-adapter';",
      "import { type D, createLocalAdapter } from '../../adapters/local/index';",
      "export { E } from '../../adapters/slack/oauth';",
      "const m = import('../../adapters/teams/index');",
    ].join('\n');
    expect(valueImportsOf(fake, text).map((i) => i.file)).toEqual(['adapters/local/local-adapter.ts', 'adapters/local/index.ts', 'adapters/slack/oauth.ts', 'adapters/teams/index.ts']);
  });

  test('only src/config/ reads process.env', () => {
    const files = [...tsFilesUnder(path.join(ROOT, 'src')), ...tsFilesUnder(path.join(ROOT, 'adapters'))];
    const uses = files.flatMap((f) => processEnvUses(f));
    expect(uses.length).toBeGreaterThan(0); // the config does read it
    expect(uses.filter((u) => !u.startsWith('src/config/'))).toEqual([]);
  });

  test('platforms live in their folders: src/ reaches them only through src/platforms.ts (src/store: port types)', () => {
    const files = tsFilesUnder(path.join(ROOT, 'src')).filter((f) => !f.startsWith(path.join(ROOT, 'src', 'store') + path.sep));
    const fromAdapters = files.flatMap((f) => importsOf(f)).filter((i) => i.file?.startsWith('adapters/'));
    expect([...new Set(fromAdapters.map((i) => i.from))]).toEqual(['src/platforms.ts']);
    // Their endpoints too are named on their descriptors, not in the server's code.
    const named = files.filter((f) => /'\/slack\/|'\/api\/messages'/.test(fs.readFileSync(f, 'utf8')));
    expect(named.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  test('what runs in production (src/, adapters/) brings values only from `dependencies` and Node itself', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const files = ['src', 'adapters'].flatMap((d) => tsFilesUnder(path.join(ROOT, d)));
    const packages = files.flatMap((f) => valueImportsOf(f)).filter((i) => i.pkg !== undefined);
    expect(packages.length).toBeGreaterThan(20);
    expect(packages.filter((i) => !allowed.has(i.pkg!)).map((i) => `${i.from} imports ${i.pkg}`)).toEqual([]);
    // @slack/bolt is a dev tool here (the benchmark's baseline), never loaded by wolbot.
    expect(Object.keys(pkg.dependencies)).not.toContain('@slack/bolt');
  });

  test('the checker catches forbidden imports in every form, and process.env in code but not in comments', () => {
    const fake = path.join(ROOT, 'src', 'core', 'fake-file.ts');
    const text = [
      "import pino from 'pino';",
      "const cron = require('node-cron');",
      "export { openStore } from '../store';",
      "async function f() { return import('../../adapters/slack'); }",
      "import { z } from 'zod';",
      "import type { Store } from './ports/store';",
      "import { DateTime } from 'luxon';",
    ].join('\n');
    const found = violations(importsOf(fake, text));
    expect(found).toHaveLength(5);
    expect(found.join('\n')).toMatch(/pino[\s\S]*node-cron[\s\S]*src\/store[\s\S]*adapters\/slack[\s\S]*zod/);

    const adapterFile = path.join(ROOT, 'adapters', 'slack', 'fake-file.ts');
    const adapterText = [
      "import { openStore } from '../../src/store';",
      "import type { Store } from '../../src/core/ports/store';",
      "import { WolbotCore } from '../../src/core/wolbot-core';",
      "import { CloudAdapter } from 'botbuilder';",
      "import pino from 'pino';",
      "import { WebClient } from '@slack/web-api';",
      "import fs from 'node:fs';",
    ].join('\n');
    const adapterFound = violations(importsOf(adapterFile, adapterText));
    expect(adapterFound).toHaveLength(4);
    expect(adapterFound.join('\n')).toMatch(/src\/store[\s\S]*wolbot-core[\s\S]*botbuilder[\s\S]*pino/);
    // A folder nobody listed gets only the shared libraries.
    expect(violations(importsOf(path.join(ROOT, 'adapters', 'newchat', 'x.ts'), "import { App } from '@slack/bolt';"))).toHaveLength(1);

    const envText = "// process.env is read in config\nconst a = 'process.env';\nconst b = process.env.PORT;\nconst c = process['env'];";
    expect(processEnvUses(path.join(ROOT, 'src', 'x.ts'), envText)).toEqual(['src/x.ts:3', 'src/x.ts:4']);
  });
});
