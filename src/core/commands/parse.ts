import { english, type Translator } from '../i18n/catalogue';
import { COMMANDS } from './table';

/** The command words of /wol (Slack) and of an @mention (Teams). */
export type Command =
  | { word: 'help' }
  | { word: 'status' }
  | { word: 'forget-me' }
  /** `week`: `post week N` said so; otherwise N is a week where the programme is weekly, else a day. */
  | { word: 'post'; day: number | 'today'; here: boolean; again: boolean; week?: boolean }
  | { word: 'subscribe'; timezone?: string }
  | { word: 'unsubscribe' }
  /** N: an earlier day (or week, in a weekly programme); none: the latest posted. */
  | { word: 'digest'; n?: number }
  | { word: 'pause'; all: boolean }
  | { word: 'resume'; all: boolean }
  | { word: 'connect'; on: boolean }
  | { word: 'circle'; join: boolean }
  | { word: 'introduce' }
  | { word: 'circles' }
  | { word: 'unknown'; input: string; problem: string };

/**
 * A word is repeated back only when it is plain (letters, digits, `-`, `_`, `/`, `+`): anything
 * else could be a link, a mention or markup that the chat would render live in our answer.
 */
export function echoable(word: string): boolean {
  return word.length <= 40 && /^[\p{L}\p{N}_+\-/]+$/u.test(word);
}

export { ADMIN_WORDS } from './table';

/**
 * Parse the words; never throws. Extra or unknown words come back as `unknown` with the problem,
 * in the language of `tr` (the command words themselves are the same in every language).
 */
export function parseCommand(input: string, tr: Translator = english): Command {
  const words = input.trim().split(/\s+/).filter(Boolean);
  const lower = words.map((w) => w.toLowerCase());
  const [head, ...rest] = lower;
  const bad = (problem: string): Command => ({ word: 'unknown', input: input.trim(), problem });
  switch (head) {
    case undefined:
    case 'help':
      return { word: 'help' };
    case 'status':
      return rest.length ? bad(tr.t('parse.noArgs', { word: 'status' })) : { word: 'status' };
    case 'forget':
      return rest.length === 1 && rest[0] === 'me' ? { word: 'forget-me' } : bad(tr.t('parse.forgetMe'));
    case 'post': {
      let day: number | 'today' | undefined;
      let here = false;
      let again = false;
      let week = false;
      for (const [i, w] of rest.entries()) {
        if (w === 'here') here = true;
        else if (w === 'again') again = true;
        else if (w === 'today' && day === undefined) day = 'today';
        else if (w === 'week' && day === undefined && /^[1-9]\d{0,3}$/.test(rest[i + 1] ?? '')) week = true;
        else if (/^[1-9]\d{0,3}$/.test(w) && day === undefined) day = Number(w);
        else return bad(echoable(w) ? tr.t('parse.post', { w }) : tr.t('parse.postQuiet'));
      }
      return { word: 'post', day: day ?? 'today', here, again, ...(week ? { week } : {}) };
    }
    case 'subscribe':
      if (rest.length > 1) return bad(tr.t('parse.subscribe'));
      // Zone names are case-sensitive: keep the original spelling.
      return rest.length ? { word: 'subscribe', timezone: words[1] } : { word: 'subscribe' };
    case 'unsubscribe':
      return rest.length ? bad(tr.t('parse.noArgs', { word: head })) : { word: head };
    case 'digest': {
      // `digest 2` and `digest week 2` (the word `week` is optional: N counts as the programme does).
      const n = rest.filter((w) => w !== 'week');
      if (rest.length === 0) return { word: 'digest' };
      return n.length === 1 && rest.length <= 2 && /^[1-9]\d{0,3}$/.test(n[0]!) ? { word: 'digest', n: Number(n[0]) } : bad(tr.t('parse.digest'));
    }
    case 'pause':
    case 'resume':
      if (rest.length === 0) return { word: head, all: false };
      return rest.length === 1 && rest[0] === 'all' ? { word: head, all: true } : bad(tr.t('parse.all', { word: head }));
    case 'connect':
      return rest.length === 1 && (rest[0] === 'on' || rest[0] === 'off') ? { word: 'connect', on: rest[0] === 'on' } : bad(tr.t('parse.connect'));
    case 'circle':
      return rest.length === 1 && (rest[0] === 'join' || rest[0] === 'leave') ? { word: 'circle', join: rest[0] === 'join' } : bad(tr.t('parse.circle'));
    case 'introduce':
    case 'circles':
      return rest.length ? bad(tr.t('parse.noArgs', { word: head })) : { word: head };
    default:
      return bad(echoable(words[0]!) ? tr.t('parse.unknown', { w: words[0]! }) : tr.t('parse.unknownQuiet'));
  }
}

/** `help`: the table's lines, everyone's first, then the admins' (a shared line once). */
export function helpText(prefix: string, tr: Translator = english): string {
  const lines = (admin: boolean) => [...new Set(COMMANDS.filter((c) => c.adminOnly === admin).map((c) => c.help))].map((k) => `• ${tr.t(k, { p: prefix })}`);
  return [tr.t('help.intro'), tr.t('help.everyone'), ...lines(false), tr.t('help.admins'), ...lines(true)].join('\n');
}
