import type { Mention, PlainText } from '../../src/core/ports/inbound';
import type { MentionEntity } from './mention';

/**
 * What the core reads of a Teams message: each `<at>Name</at>` as a plain `@Name`, and the person
 * behind it from the activity's mention entities (its `mentioned` account; a tag without an
 * entity still reads as a name). Neither part of the pattern can run past the next `<` or `>`, so
 * this is linear in the text's length. Call it on the text with the bot's own mention removed.
 */
const AT = /<at(?:\s[^<>]*)?>([^<>]*)<\/at>/g;

export function teamsPlainText(text: string, entities: readonly MentionEntity[] | undefined): PlainText {
  const unused = (entities ?? []).filter((e) => e.type === 'mention' && typeof e.text === 'string');
  let plainText = '';
  const mentions: Mention[] = [];
  let at = 0;
  for (const m of text.matchAll(AT)) {
    plainText += text.slice(at, m.index);
    at = m.index + m[0].length;
    // Each tag is one entity with exactly its text; the same tag twice is two entities, in order.
    const i = unused.findIndex((e) => e.text === m[0]);
    const entity = i < 0 ? undefined : unused.splice(i, 1)[0];
    const written = m[1]!.trim();
    const start = plainText.length;
    plainText += `@${written}`;
    mentions.push({ userId: entity?.mentioned?.id ?? '', name: entity?.mentioned?.name?.trim() || written, start, end: plainText.length });
  }
  return { plainText: plainText + text.slice(at), mentions };
}
