/**
 * The core's command parser, for an adapter that must act on a word before the core runs it
 * (Slack checks it can post to a channel before `subscribe`): the words live in the core's table.
 */
export { parseCommand, type Command } from '../commands/parse';
