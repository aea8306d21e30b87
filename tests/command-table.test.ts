/**
 * One command table in the core (src/core/commands/table.ts): help, parsing and the admin and
 * channel checks come from it, and the platforms' hand-written command lists are held to it here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { helpText, parseCommand } from '../src/core/commands/parse';
import { ADMIN_WORDS, COMMANDS } from '../src/core/commands/table';

const root = path.resolve(__dirname, '..');

describe('the command table', () => {
  test('help names every word of the table, with its arguments in the line', () => {
    const help = helpText('/wol ');
    for (const c of COMMANDS) expect(help).toContain(`/wol ${c.text}`);
    expect(help.split('\n').filter((l) => l.startsWith('•'))).toHaveLength(new Set(COMMANDS.map((c) => c.help)).size);
  });

  test('every word parses to itself; admin words are exactly the admin-only rows', () => {
    // A word whose argument is required (connect on|off) is said with its first one.
    for (const c of COMMANDS) expect(parseCommand(c.args && !c.args.startsWith('[') ? `${c.text} ${c.args.split('|')[0]}` : c.text).word).toBe(c.id);
    expect([...ADMIN_WORDS].sort()).toEqual(COMMANDS.filter((c) => c.adminOnly).map((c) => c.id).sort());
  });

  test("Teams' commandLists list exactly the table's words; admin-only ones say so", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'adapters/teams/appPackage/manifest.json'), 'utf8')) as {
      bots: { commandLists: { commands: { title: string; description: string }[] }[] }[];
    };
    // Teams shows at most 10 commands a list: the words are spread over the team and personal lists.
    for (const l of manifest.bots[0]!.commandLists) expect(l.commands.length).toBeLessThanOrEqual(10);
    const listed = manifest.bots[0]!.commandLists.flatMap((l) => l.commands);
    expect([...new Set(listed.map((c) => c.title))].sort()).toEqual(COMMANDS.map((c) => c.text).sort());
    for (const c of listed) {
      const spec = COMMANDS.find((s) => s.text === c.title)!;
      expect({ word: c.title, admins: c.description.startsWith('Admins:') }).toEqual({ word: c.title, admins: spec.adminOnly });
      if (spec.args) expect(c.description).toContain(`${spec.text} ${spec.args}`);
    }
  });

  test("Slack's usage hint shows only words of the table, each one a valid command", () => {
    const manifest = parseYaml(fs.readFileSync(path.join(root, 'adapters/slack/manifest.yml'), 'utf8')) as { features: { slash_commands: { usage_hint: string }[] } };
    const hint = manifest.features.slash_commands[0]!.usage_hint;
    const parts = hint.split('|').map((p) => p.trim().replace(/\[([^\]|]+)\]/g, '$1'));
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect({ p, word: parseCommand(p).word }).not.toEqual({ p, word: 'unknown' });
  });
});
