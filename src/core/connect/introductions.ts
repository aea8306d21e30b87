import { randomUUID } from 'node:crypto';
import type { AdapterRegistry } from '../adapter-registry';
import { localDateOf } from '../calendar';
import { targetOf } from '../channels';
import { translatorOf } from '../frame';
import type { PeopleNames } from '../names';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { Store } from '../ports/store';
import { currentRun } from '../runs';
import type { ProgrammeSettings } from '../settings';
import { introductionContent, type IntroducedPerson } from './group-content';
import { choosePairs, findOverlaps, pairKey, type Overlap } from './overlap';
import { personOf, runShares, sharesByWorkspace, type RunShare } from './run-shares';

export interface IntroductionRound {
  made: number;
  failed: number;
}

export interface ConnectDeps {
  store: Store;
  adapters: AdapterRegistry;
  names: PeopleNames;
  clock: Clock;
  logger: Logger;
  owner: string;
}

/**
 * A round of introductions in a programme's current run: opted-in people (`connect on`) whose
 * shares overlap, within one workspace, each pair once a run and each person at most once a day.
 * Every pair is claimed in the store before its conversation is opened, so a restart, a second
 * replica or a second `introduce` never introduces anyone twice.
 */
export class Introductions {
  constructor(private readonly d: ConnectDeps) {}

  async round(p: ProgrammeSettings): Promise<IntroductionRound> {
    const { store, clock } = this.d;
    const run = currentRun(p);
    const optIns = await store.listOptIns(run, 'connect');
    const result: IntroductionRound = { made: 0, failed: 0 };
    if (optIns.length < 2) return result;
    const opted = new Set(optIns.map((o) => personOf(o.platform, o.userId)));
    const today = localDateOf(clock.now(), p.timezone);
    const past = await store.listIntroductions(run);
    const introduced = new Set(past.map((i) => pairKey(personOf(i.platform, i.users[0]), personOf(i.platform, i.users[1]))));
    const busy = new Set(past.filter((i) => i.localDate === today).flatMap((i) => i.users.map((u) => personOf(i.platform, u))));
    const spaces = sharesByWorkspace(await runShares(store, run), (s) => opted.has(personOf(s.reply.platform, s.reply.user)));
    const lang = p.programme.language ?? 'en';
    for (const people of spaces.values()) {
      const overlaps = findOverlaps([...people].map(([key, shares]) => ({ key, texts: shares.map((s) => s.reply.text) })), lang);
      for (const o of choosePairs(overlaps, introduced, busy)) {
        busy.add(o.a).add(o.b);
        const outcome = await this.introduce(p, run, today, o, people);
        if (outcome) result[outcome]++;
      }
    }
    return result;
  }

  /** Claim the pair, then open their conversation; null when someone else claimed it first. */
  private async introduce(p: ProgrammeSettings, run: string, today: string, o: Overlap, people: Map<string, RunShare[]>): Promise<'made' | 'failed' | null> {
    const [a, b] = [people.get(o.a)![0]!, people.get(o.b)![0]!];
    const platform = a.reply.platform;
    const claim = await this.d.store.claimIntroduction(
      { id: randomUUID(), run, platform, workspaceId: a.workspaceId, users: [a.reply.user, b.reply.user], localDate: today, owner: this.d.owner },
      this.d.clock.now(),
    );
    if (!claim) return null;
    const log = this.d.logger.child({ introduction: claim.id, run });
    try {
      const adapter = this.d.adapters.get(platform);
      if (!adapter?.openGroup) throw new Error(`${platform} cannot open a conversation of two people`);
      const channel = a.channel ?? b.channel;
      if (!channel) throw new Error('no channel of theirs is known to reach their workspace');
      const names = await this.d.names.resolve(platform, channel.channelId, [a.reply.user, b.reply.user]);
      const tr = translatorOf(p.programme);
      const someone = tr.t('give.someone');
      const person = async (shares: RunShare[]): Promise<IntroducedPerson> => {
        const best = shares.find((s) => o.words.some((w) => s.reply.text.toLowerCase().includes(w.toLowerCase()))) ?? shares[0]!;
        return { userId: best.reply.user, name: names.get(best.reply.user) ?? someone, text: best.reply.text, link: await this.link(best) };
      };
      const message = introductionContent({ a: await person(people.get(o.a)!), b: await person(people.get(o.b)!), words: o.words, tr });
      const conversation = await adapter.openGroup(targetOf(channel), [a.reply.user, b.reply.user], message);
      await this.d.store.finishIntroduction(claim.id, 'sent', conversation, null, this.d.clock.now());
      log.info('introduction made');
      return 'made';
    } catch (err) {
      log.warn({ err }, 'introduction not sent');
      await this.d.store.finishIntroduction(claim.id, 'failed', null, err instanceof Error ? err.message : String(err), this.d.clock.now());
      return 'failed';
    }
  }

  /** A link to the share (best effort: an introduction without one still introduces). */
  private async link(s: RunShare): Promise<string | null> {
    const adapter = this.d.adapters.get(s.reply.platform);
    if (!adapter?.messageLink || !s.channel) return null;
    try {
      return await adapter.messageLink(targetOf(s.channel), { platform: s.reply.platform, channelId: s.reply.channelId, id: s.threadId }, s.reply.messageId);
    } catch (err) {
      this.d.logger.warn({ err }, 'no link to a share');
      return null;
    }
  }
}
