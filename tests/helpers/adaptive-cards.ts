/**
 * Teams cards as Microsoft's own `adaptivecards` library reads them (in Node, with jsdom for its
 * DOM), and the checks every outgoing Teams card must pass: no validation events, no backslash
 * escapes, no HTML entities, no copy of the card in the activity's `text`.
 */
import { JSDOM } from 'jsdom';

type AC = typeof import('adaptivecards');

let lib: AC | undefined;

/**
 * Runs `f` with jsdom's window and document as globals (the library's DOM), then takes them away
 * again, so nothing of jsdom outlives the call in the test file's global scope.
 */
function withDom<T>(f: () => T): T {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  const names = ['window', 'document', 'navigator', 'HTMLElement', 'Node'].filter((k) => g[k] === undefined);
  const win = dom.window as unknown as Record<string, unknown>;
  for (const k of names) g[k] = k === 'window' ? win : win[k];
  try {
    return f();
  } finally {
    for (const k of names) delete g[k];
    // A window left open outlives the test file (Jest then warns about its soft-deleted globals).
    dom.window.close();
  }
}

/** Its ES module build does not load in Jest; its bundle does. */
function adaptiveCards(): AC {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lib ??= withDom(() => require('adaptivecards/dist/adaptivecards.js') as AC);
  return lib;
}

/** Every parse and validation event the library reports for `card` (empty: a valid card). */
export function cardProblems(card: unknown): string[] {
  const { AdaptiveCard, SerializationContext } = adaptiveCards();
  return withDom(() => {
    const ctx = new SerializationContext();
    const c = new AdaptiveCard();
    c.parse(card, ctx);
    const out: string[] = [];
    for (let i = 0; i < ctx.eventCount; i++) out.push(`parse: ${ctx.getEventAt(i).message}`);
    for (const e of c.validateProperties().validationEvents) out.push(`validate: ${e.message}`);
    return out;
  });
}

/** Every string a person reads on the card: text blocks, text runs, action titles. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(o.title);
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(card);
  return out;
}

/** The cards of an activity (a createConversation body holds it under `activity`). */
export function cardsOf(body: any): unknown[] {
  const activity = body?.activity ?? body;
  return (activity?.attachments ?? []).filter((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a: any) => a.content);
}

/** What Teams would show wrongly in this outgoing body (empty: as people should see it). */
export function teamsBodyProblems(body: any): string[] {
  const activity = body?.activity ?? body;
  const cards = cardsOf(body);
  const out: string[] = [];
  if (cards.length && activity.text) out.push(`text beside a card (shown twice): ${String(activity.text).slice(0, 60)}`);
  for (const card of cards) {
    out.push(...cardProblems(card));
    for (const t of cardTexts(card)) {
      if (/\\[\\`*_{}[\]()#+\-.!|~<>&]/.test(t)) out.push(`backslash escape in: ${t.slice(0, 80)}`);
      if (/&(amp|lt|gt|quot|#\d+);/.test(t)) out.push(`HTML entity in: ${t.slice(0, 80)}`);
    }
  }
  return out;
}

/** All readable text of a body's cards, one string (for `toContain`). */
export function cardText(body: any): string {
  return cardsOf(body).flatMap(cardTexts).join('\n');
}
