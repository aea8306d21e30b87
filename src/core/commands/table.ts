import type { MessageKey } from '../i18n/catalogue';
import type { Command } from './parse';

/**
 * The one table of command words: what each takes, who may say it, where, and its help line (from
 * the message catalogue). Parsing, `help`, the admin check, the channel-only check and the
 * platforms' command lists (Slack's usage hint, Teams' commandLists — tests/command-table.test.ts
 * holds the manifests to this table) all come from here.
 */
export interface CommandSpec {
  /** The parsed command's word (Command['word']). */
  id: Exclude<Command['word'], 'unknown'>;
  /** As people type it. */
  text: string;
  /** Its arguments as help writes them ('' for none). */
  args: string;
  adminOnly: boolean;
  /** Whether it acts on "this channel" and so means nothing in a personal or group chat. */
  channelOnly: (cmd: Command) => boolean;
  /** Its line in `help` (two words may share one). */
  help: MessageKey;
}

const never = () => false;
const always = () => true;

export const COMMANDS: readonly CommandSpec[] = [
  { id: 'help', text: 'help', args: '', adminOnly: false, channelOnly: never, help: 'help.help' },
  { id: 'status', text: 'status', args: '', adminOnly: false, channelOnly: never, help: 'help.status' },
  { id: 'forget-me', text: 'forget me', args: '', adminOnly: false, channelOnly: never, help: 'help.forget' },
  { id: 'post', text: 'post', args: '[N|today] [here] [again]', adminOnly: true, channelOnly: (c) => c.word === 'post' && c.here, help: 'help.post' },
  { id: 'subscribe', text: 'subscribe', args: '[TIMEZONE]', adminOnly: true, channelOnly: always, help: 'help.subscribe' },
  { id: 'unsubscribe', text: 'unsubscribe', args: '', adminOnly: true, channelOnly: always, help: 'help.subscribe' },
  { id: 'digest', text: 'digest', args: '[N]', adminOnly: true, channelOnly: always, help: 'help.digest' },
  { id: 'pause', text: 'pause', args: '[all]', adminOnly: true, channelOnly: (c) => c.word === 'pause' && !c.all, help: 'help.pause' },
  { id: 'resume', text: 'resume', args: '[all]', adminOnly: true, channelOnly: (c) => c.word === 'resume' && !c.all, help: 'help.pause' },
  // connections and circles (issue 25)
  { id: 'connect', text: 'connect', args: 'on|off', adminOnly: false, channelOnly: never, help: 'help.connect' },
  { id: 'circle', text: 'circle', args: 'join|leave', adminOnly: false, channelOnly: never, help: 'help.circle' },
  { id: 'introduce', text: 'introduce', args: '', adminOnly: true, channelOnly: never, help: 'help.introduce' },
  { id: 'circles', text: 'circles', args: '', adminOnly: true, channelOnly: never, help: 'help.circles' },
];

export const specOf = (cmd: Command): CommandSpec | undefined => COMMANDS.find((c) => c.id === cmd.word);

/** Words only admins may say. */
export const ADMIN_WORDS: ReadonlySet<string> = new Set(COMMANDS.filter((c) => c.adminOnly).map((c) => c.id));

/** The word to name when a channel-only command is said outside a channel, or null. */
export function channelOnlyWord(cmd: Command): string | null {
  const spec = specOf(cmd);
  if (!spec?.channelOnly(cmd)) return null;
  return cmd.word === 'post' ? 'post here' : spec.text;
}
