import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const severity = (v: unknown) => (Array.isArray(v) ? v[0] : v) as unknown;

describe('lint config', () => {
  test('production code is linted with typescript-eslint\'s type-checked rules', () => {
    // Rules only the type-checked presets turn on (the plain `recommended` leaves them off).
    const typeChecked = ['await-thenable', 'no-base-to-string', 'restrict-template-expressions', 'only-throw-error', 'unbound-method', 'no-implied-eval'];
    for (const file of ['src/main.ts']) {
      const printed = execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--print-config', file], { cwd: ROOT, encoding: 'utf8' });
      const rules = (JSON.parse(printed) as { rules: Record<string, unknown> }).rules;
      expect(typeChecked.map((r) => [file, r, severity(rules[`@typescript-eslint/${r}`])])).toEqual(typeChecked.map((r) => [file, r, 2]));
    }
  }, 60_000);
});
