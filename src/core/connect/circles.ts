import { randomUUID } from 'node:crypto';
import { IANAZone } from 'luxon';
import { translatorOf } from '../frame';
import type { OptIn } from '../ports/store';
import { currentRun } from '../runs';
import type { ProgrammeSettings } from '../settings';
import { planCircles, type Joiner } from './circle-plan';
import { circleContent } from './group-content';
import type { ConnectDeps } from './introductions';
import { personOf } from './run-shares';

export interface CircleRound {
  formed: number;
  /** Joined a circle of this round in a nearby zone. */
  placed: number;
  /** Wait for the next round. */
  waiting: number;
  failed: number;
}

/** The meta key that says a round of circles has run in a run (so `status` can say who waits). */
export const circlesRoundKey = (run: string): string => `circles-round:${run}`;

/**
 * `circles`: circles of 4–5 from the people who said `circle join` in a programme's current run,
 * by time zone within each workspace (one programme, so one language). Each circle is claimed in the
 * store with its members (nobody in two circles) before its conversation is opened. Circles are
 * confidential: wolbot gathers nothing said in them (their conversations are no prompt threads).
 */
export class Circles {
  constructor(private readonly d: ConnectDeps) {}

  async form(p: ProgrammeSettings): Promise<CircleRound> {
    const { store, clock } = this.d;
    const run = currentRun(p);
    const seated = new Set((await store.listCircles(run)).flatMap((c) => c.users.map((u) => personOf(c.platform, u))));
    const joined = (await store.listOptIns(run, 'circle')).filter((o) => !seated.has(personOf(o.platform, o.userId)));
    const round: CircleRound = { formed: 0, placed: 0, waiting: 0, failed: 0 };
    const spaces = new Map<string, OptIn[]>();
    for (const o of joined) {
      const key = `${o.platform}\u0000${o.workspaceId ?? ''}`;
      spaces.set(key, [...(spaces.get(key) ?? []), o]);
    }
    for (const people of spaces.values()) {
      const byKey = new Map(people.map((o) => [o.userId, o]));
      const joiners: Joiner[] = [];
      for (const o of people) {
        const zone = await this.zoneOf(o, p);
        joiners.push({ key: o.userId, zone, offsetMinutes: IANAZone.create(zone).offset(clock.now().getTime()) });
      }
      const plan = planCircles(joiners);
      round.placed += plan.placed.length;
      round.waiting += plan.waiting.length;
      for (const c of plan.circles) {
        const outcome = await this.open(p, run, c.zone, c.members.map((u) => byKey.get(u)!));
        if (outcome) round[outcome]++;
      }
    }
    await store.setMetaIfAbsent(circlesRoundKey(run), clock.now().toISOString());
    return round;
  }

  /** Their zone as the platform knows it (Slack's profile), else their channel's, else the programme's. */
  private async zoneOf(o: OptIn, p: ProgrammeSettings): Promise<string> {
    const adapter = this.d.adapters.get(o.platform);
    try {
      const zone = adapter?.lookUpZone ? await adapter.lookUpZone(o.target, o.userId) : null;
      if (zone && IANAZone.isValidZone(zone)) return zone;
    } catch (err) {
      this.d.logger.warn({ err, platform: o.platform }, 'no time zone for a person');
    }
    const channel = await this.d.store.getChannel(o.platform, o.target.channelId);
    return channel?.timezone ?? p.timezone;
  }

  private async open(p: ProgrammeSettings, run: string, zone: string, members: OptIn[]): Promise<'formed' | 'failed' | null> {
    const { store, clock } = this.d;
    const first = members[0]!;
    const tr = translatorOf(p.programme);
    const claim = await store.claimCircle(
      { id: randomUUID(), run, platform: first.platform, workspaceId: first.workspaceId, zone, language: tr.lang, users: members.map((m) => m.userId), owner: this.d.owner },
      clock.now(),
    );
    if (!claim) return null;
    const log = this.d.logger.child({ circle: claim.id, run });
    try {
      const adapter = this.d.adapters.get(first.platform);
      if (!adapter?.openGroup) throw new Error(`${first.platform} cannot open a conversation of several people`);
      const names = await this.d.names.resolve(first.platform, first.target.channelId, claim.users);
      const people = claim.users.map((u) => ({ userId: u, name: names.get(u) ?? tr.t('give.someone') }));
      const conversation = await adapter.openGroup(first.target, claim.users, circleContent({ people, zone, now: clock.now(), tr }));
      await store.finishCircle(claim.id, 'sent', conversation, null, clock.now());
      log.info({ size: claim.users.length, zone }, 'circle formed');
      return 'formed';
    } catch (err) {
      log.warn({ err }, 'circle not opened');
      await store.finishCircle(claim.id, 'failed', null, err instanceof Error ? err.message : String(err), clock.now());
      return 'failed';
    }
  }
}
