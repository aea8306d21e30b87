import MiniSearch from 'minisearch';
import { programmeOfRun } from '../campaigns';
import type { Channels, Connections, Ledger, People, Replies } from '../ports/store';
import type { WolSettings } from '../settings';
import { personOf, runShares } from './run-shares';
import { termsOf } from './terms';

/** One Day 1 offer ("one thing you could help others with") of someone who said `connect on`. */
export interface Offer {
  name: string | null;
  platform: string;
  text: string;
  at: string;
}

/**
 * "Who can help with what": the Day 1 shares of the people who opted in to introductions in the
 * run, oldest first; with `q`, only those matching it (the same stemmed terms as the overlap, and
 * prefixes: "onboard" finds "onboarding"), best match first. Names as stored; never user ids.
 */
export async function offersOf(settings: WolSettings, store: Channels & Ledger & Replies & People & Connections, run: string, q?: string): Promise<Offer[]> {
  const p = programmeOfRun(settings, run) ?? settings;
  const opted = new Set((await store.listOptIns(run, 'connect')).map((o) => personOf(o.platform, o.userId)));
  const first = Math.min(...p.programme.prompts.map((x) => x.day));
  const shares = (await runShares(store, run, { day: first })).filter((s) => !s.reply.external && opted.has(personOf(s.reply.platform, s.reply.user)));
  const offers: Offer[] = [];
  for (const s of shares) {
    const names = await store.getNames(s.reply.platform, [s.reply.user]);
    offers.push({ name: names.get(s.reply.user)?.name ?? null, platform: s.reply.platform, text: s.reply.text, at: s.reply.at.toISOString() });
  }
  if (!q?.trim()) return offers;
  const lang = p.programme.language ?? 'en';
  const tokenize = (text: string) => termsOf(text, lang).map((t) => t.term);
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize, processTerm: (t) => t, searchOptions: { tokenize, processTerm: (t) => t, prefix: true } });
  index.addAll(offers.map((o, id) => ({ id, text: o.text })));
  return index.search(q).map((r) => offers[Number(r.id)]!);
}
