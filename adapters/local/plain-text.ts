import type { Mention, PlainText } from '../../src/core/ports/inbound';

/**
 * The sandbox's mentions: `@name`, where the name is the person's id there (`@sandbox-user`, or
 * the ids tests write as). Its text has no other markup, so the plain text is the text itself.
 * Not after a letter, digit or dot (an e-mail address); a sentence's final dot or dash is no part of it.
 */
const AT_NAME = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;

export function sandboxPlainText(text: string): PlainText {
  const mentions: Mention[] = [];
  for (const m of text.matchAll(AT_NAME)) {
    const id = m[1]!.replace(/[.-]+$/, '');
    mentions.push({ userId: id, name: id, start: m.index, end: m.index + 1 + id.length });
  }
  return { plainText: text, mentions };
}
