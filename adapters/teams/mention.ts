/**
 * Removes the bot's @mention from a Teams message, leaving every other character as written.
 * (TurnContext.removeRecipientMention trims the whole text, which would change what people wrote.)
 */
export interface MentionEntity {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

export interface Stripped {
  text: string;
  mentioned: boolean;
}

export function stripBotMention(text: string, entities: readonly MentionEntity[] | undefined, botId: string | undefined): Stripped {
  const mentions = (entities ?? [])
    .filter((e): e is MentionEntity & { text: string } => e.type === 'mention' && e.mentioned?.id === botId && typeof e.text === 'string' && e.text !== '');
  let out = text;
  let mentioned = false;
  for (const m of mentions) {
    const at = out.indexOf(m.text);
    if (at < 0) continue;
    mentioned = true;
    out = cut(out, at, m.text.length);
  }
  return { text: out, mentioned };
}

const SPACE = /[ \t\u00a0]/;

/** Cut [at, at+len) and the one run of spaces that only separated the mention from the text. */
function cut(s: string, at: number, len: number): string {
  let start = at;
  let end = at + len;
  const before = s.slice(0, start);
  const after = s.slice(end);
  const atLineStart = before === '' || before.endsWith('\n') || /^[ \t\u00a0]*$/.test(lastLine(before));
  if (atLineStart) {
    // leading mention: drop the spaces before it on its line and the spaces after it
    while (start > 0 && SPACE.test(s[start - 1])) start--;
    while (end < s.length && SPACE.test(s[end])) end++;
  } else if (after === '' || after.startsWith('\n') || /^[ \t\u00a0]*(\n|$)/.test(after)) {
    // trailing mention: drop the spaces before it and after it up to the line end
    while (start > 0 && SPACE.test(s[start - 1])) start--;
    while (end < s.length && SPACE.test(s[end])) end++;
  } else if (SPACE.test(s[start - 1] ?? '') && SPACE.test(s[end] ?? '')) {
    // in the middle: "a <at>bot</at> b" -> "a b"
    end++;
  }
  return s.slice(0, start) + s.slice(end);
}

function lastLine(s: string): string {
  const i = s.lastIndexOf('\n');
  return i < 0 ? s : s.slice(i + 1);
}
