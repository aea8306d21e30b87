/** The command words of /wol (Slack) and of an @mention (Teams). */
export type Command =
  | { word: 'help' }
  | { word: 'status' }
  | { word: 'forget-me' }
  | { word: 'post'; day: number | 'today'; here: boolean; again: boolean }
  | { word: 'subscribe'; timezone?: string }
  | { word: 'unsubscribe' }
  | { word: 'digest' }
  | { word: 'pause'; all: boolean }
  | { word: 'resume'; all: boolean }
  | { word: 'unknown'; input: string; problem: string };

export const ADMIN_WORDS = new Set(['post', 'subscribe', 'unsubscribe', 'digest', 'pause', 'resume']);

/** Parse the words; never throws. Extra or unknown words come back as `unknown` with the problem. */
export function parseCommand(input: string): Command {
  const words = input.trim().split(/\s+/).filter(Boolean);
  const lower = words.map((w) => w.toLowerCase());
  const [head, ...rest] = lower;
  const bad = (problem: string): Command => ({ word: 'unknown', input: input.trim(), problem });
  switch (head) {
    case undefined:
    case 'help':
      return { word: 'help' };
    case 'status':
      return rest.length ? bad('`status` takes no other words') : { word: 'status' };
    case 'forget':
      return rest.length === 1 && rest[0] === 'me' ? { word: 'forget-me' } : bad('did you mean `forget me`?');
    case 'post': {
      let day: number | 'today' | undefined;
      let here = false;
      let again = false;
      for (const w of rest) {
        if (w === 'here') here = true;
        else if (w === 'again') again = true;
        else if (w === 'today' && day === undefined) day = 'today';
        else if (/^[1-9]\d{0,3}$/.test(w) && day === undefined) day = Number(w);
        else return bad(`\`post\` does not understand "${w}": use \`post [N|today] [here] [again]\``);
      }
      return { word: 'post', day: day ?? 'today', here, again };
    }
    case 'subscribe':
      if (rest.length > 1) return bad('`subscribe` takes at most a timezone, e.g. `subscribe Europe/Berlin`');
      // Zone names are case-sensitive: keep the original spelling.
      return rest.length ? { word: 'subscribe', timezone: words[1] } : { word: 'subscribe' };
    case 'unsubscribe':
    case 'digest':
      return rest.length ? bad(`\`${head}\` takes no other words`) : { word: head };
    case 'pause':
    case 'resume':
      if (rest.length === 0) return { word: head, all: false };
      return rest.length === 1 && rest[0] === 'all' ? { word: head, all: true } : bad(`use \`${head}\` or \`${head} all\``);
    default:
      return bad(`I don't know "${words[0]}"`);
  }
}

export function helpText(prefix: string): string {
  return [
    `wolbot runs the Working Out Loud programme in this chat. Reply in a prompt's thread with your work in progress; replies there are gathered into the programme's gallery.`,
    `For everyone:`,
    `• \`${prefix}help\` — this list`,
    `• \`${prefix}status\` — the programme and the next post of each channel`,
    `• \`${prefix}forget me\` — remove everything you wrote from wolbot's store`,
    `For admins:`,
    `• \`${prefix}post [N|today] [here] [again]\` — post day N (default today) to every channel, or only here; \`again\` posts it even if it was posted`,
    `• \`${prefix}subscribe [TIMEZONE]\` / \`${prefix}unsubscribe\` — add or remove this channel`,
    `• \`${prefix}digest\` — post the latest day's digest in this channel`,
    `• \`${prefix}pause [all]\` / \`${prefix}resume [all]\` — stop or restart posting here (or everywhere)`,
  ].join('\n');
}
