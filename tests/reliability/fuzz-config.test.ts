/**
 * Property-based: random YAML/JSON to the config loader never crashes it — settings, or a
 * ConfigError whose every problem is one `FILE:LINE: field: problem` line; random words to the
 * command parser never throw.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { ConfigError, loadSettings } from '../../src/config';
import { parseCommand } from '../../src/core/commands/parse';

const PROBLEM = /^.+:\d+: .+: .+$/;
const repo = path.resolve(__dirname, '..', '..');

const scalar = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('09:00', '25:61', '9:5', 'Europe/London', 'Mars/Base', '2026-11-16', '2026-02-30', '4h', '-1d', '365d', 'wol-week', '../etc/passwd', 'slack:C0123ABC', 'teams:19:x@thread.tacv2', 'local:general', 'irc:x', ''),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 })),
})).v;
const KEYS = ['program', 'start', 'time', 'timezone', 'digest', 'grace', 'retention', 'admins', 'channels', 'unknown_key'];
/** Documents shaped like a config (known keys, random values) — they get past the parser and hit the checks. */
const configLike = fc.record(Object.fromEntries(KEYS.map((k) => [k, value])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] }).map((o) => {
  if (Math.random() < 0.5) (o as Record<string, unknown>).program = path.join(repo, 'schedules/wol-week.yaml');
  return o;
});
const documents = fc.oneof(
  configLike.map((o) => YAML.stringify(o)),
  configLike.map((o) => JSON.stringify(o, null, 2)),
  value.map((v) => YAML.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.array(fc.constantFrom('program: wol-week', 'start: 2026-11-16', 'time: "09:00"', 'timezone: UTC', 'channels:', '  - local:a', '  - {id: slack:C1, time: "10:00"}', '- x', 'admins: [a, b', '&a x', '*a', '!!binary x', '? x', ': y', '\t', '"', "'", '---', '...', '%YAML 1.1', 'key: [1, {2: 3}]', '<<: *a'), { maxLength: 10 }).map((ls) => ls.join('\n')),
);

describe('fuzz: config loader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-fuzz-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('random documents: settings or a ConfigError of FILE:LINE: field: problem lines, never a crash', () => {
    let errors = 0;
    let ok = 0;
    fc.assert(
      fc.property(documents, fc.constantFrom('wolbot.yaml', 'wolbot.json'), (doc, name) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, doc);
        try {
          const loaded = loadSettings(file, dir, { now: new Date('2026-11-01T00:00:00Z') });
          expect(loaded.settings.programme.prompts.length).toBeGreaterThan(0);
          ok++;
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          errors++;
          expect(err.problems.length).toBeGreaterThan(0);
          for (const p of err.problems) if (!PROBLEM.test(p)) throw new Error(`problem line not FILE:LINE: field: problem: ${JSON.stringify(p)}`);
        }
      }),
      { numRuns: 1000 },
    );
    expect(errors).toBeGreaterThan(0);
    expect(ok + errors).toBe(1000);
  });
});

describe('fuzz: chat command parser', () => {
  const words = fc.array(fc.oneof(fc.constantFrom('post', 'POST', 'today', 'here', 'again', 'forget', 'me', 'subscribe', 'Europe/Berlin', 'pause', 'all', 'resume', 'status', 'help', '0', '1', '9999', '10000', '-1', '1e3'), fc.string({ maxLength: 12 })), { maxLength: 6 });
  test('random command strings never throw and always give a known word', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), words.map((w) => w.join(' '))), (input) => {
        const c = parseCommand(input);
        expect(['help', 'status', 'forget-me', 'post', 'subscribe', 'unsubscribe', 'digest', 'pause', 'resume', 'unknown']).toContain(c.word);
        if (c.word === 'post' && typeof c.day === 'number') expect(Number.isInteger(c.day) && c.day >= 1 && c.day <= 9999).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
