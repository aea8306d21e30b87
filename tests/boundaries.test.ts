import path from 'node:path';
import { importsOf, ROOT, tsFilesUnder, violations } from './helpers/import-graph';

describe('architecture boundaries (resolved imports of every file)', () => {
  test('the core imports nothing from adapters, the store drivers, pino, node-cron or HTTP', () => {
    const files = tsFilesUnder(path.join(ROOT, 'src', 'core'));
    expect(files.length).toBeGreaterThan(20);
    const imports = files.flatMap((f) => importsOf(f));
    expect(violations(imports)).toEqual([]);
  });

  test('adapters import only the core port types (and their own folder)', () => {
    const files = ['local', 'slack', 'teams'].flatMap((a) => tsFilesUnder(path.join(ROOT, 'adapters', a)));
    const imports = files.flatMap((f) => importsOf(f));
    expect(imports.some((i) => i.file?.startsWith('src/core/ports/'))).toBe(true);
    expect(violations(imports)).toEqual([]);
  });

  test('the checker catches import, require, dynamic import and re-export of forbidden modules', () => {
    const fake = path.join(ROOT, 'src', 'core', 'fake-file.ts');
    const text = [
      "import pino from 'pino';",
      "const cron = require('node-cron');",
      "export { openStore } from '../store';",
      "async function f() { return import('../../adapters/slack'); }",
      "import type { Store } from './ports/store';",
    ].join('\n');
    const found = violations(importsOf(fake, text));
    expect(found).toHaveLength(4);
    expect(found.join('\n')).toMatch(/pino[\s\S]*node-cron[\s\S]*src\/store[\s\S]*adapters\/slack/);

    const adapterFile = path.join(ROOT, 'adapters', 'slack', 'fake-file.ts');
    const adapterText = "import { openStore } from '../../src/store';\nimport type { Store } from '../../src/core/ports/store';\nimport { WolbotCore } from '../../src/core/wolbot-core';";
    expect(violations(importsOf(adapterFile, adapterText))).toHaveLength(2);
  });
});
