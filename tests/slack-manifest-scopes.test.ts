/**
 * Every Slack Web API method the code calls is covered by a bot scope in the app manifest: Slack
 * answers `missing_scope` only on a real workspace, so a method added without its scope would
 * fail there silently (admins' DMs did, for want of im:write).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const SLACK = path.resolve(__dirname, '..', 'adapters', 'slack');

/**
 * The bot scopes each method needs (all of them: we read public and private channels). A method
 * the code calls that is missing here fails the test: look its scopes up on docs.slack.dev.
 */
const SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'], // forget me edits our own digests and wrap-ups
  'chat.getPermalink': [],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.open': ['im:write', 'mpim:write'],
  'users.info': ['users:read'],
  'auth.test': [],
  'api.test': [],
};

const FAMILIES = 'admin|api|apps|auth|bookmarks|bots|calls|chat|conversations|dnd|emoji|files|oauth|pins|reactions|reminders|search|stars|team|usergroups|users|views|workflows';

function methodsCalled(): Map<string, string> {
  const found = new Map<string, string>();
  const call = new RegExp(`\\.(?:${FAMILIES})(?:\\.[a-zA-Z]+)+\\(|apiCall\\(\\s*['"]([a-z]+(?:\\.[a-zA-Z]+)+)['"]`, 'g');
  for (const file of fs.readdirSync(SLACK).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(SLACK, file), 'utf8');
    for (const m of text.matchAll(call)) found.set(m[1] ?? m[0].slice(1, -1), file);
  }
  return found;
}

describe('Slack app manifest', () => {
  const manifest = parse(fs.readFileSync(path.join(SLACK, 'manifest.yml'), 'utf8'));
  const scopes: string[] = manifest.oauth_config.scopes.bot;

  test('finds the calls it checks', () => {
    const called = [...methodsCalled().keys()];
    for (const m of ['chat.postMessage', 'conversations.open', 'conversations.history', 'users.info']) expect(called).toContain(m);
  });

  test('every Web API method the code calls has its scopes in the manifest', () => {
    const problems: string[] = [];
    for (const [method, file] of methodsCalled()) {
      const need = SCOPES[method];
      if (!need) problems.push(`${file}: ${method} is not in this test's table: add the scopes it needs`);
      else for (const s of need) if (!scopes.includes(s)) problems.push(`${file}: ${method} needs ${s}, missing from manifest.yml`);
    }
    expect(problems).toEqual([]);
  });

  test('one scope a line, none twice', () => {
    expect(new Set(scopes).size).toBe(scopes.length);
    const text = fs.readFileSync(path.join(SLACK, 'manifest.yml'), 'utf8');
    for (const s of scopes) expect(text).toMatch(new RegExp(`^\\s+- ${s}$`, 'm'));
    expect(scopes).toContain('im:write');
  });
});
