import type { Translator } from '../i18n/catalogue';
import type { Connections, StoreMeta } from '../ports/store';
import { circlesRoundKey } from './circles';
import { personOf } from './run-shares';

/** A run's introductions and circles as `status` shows them: counts, never who. */
export interface ConnectionStatus {
  optedIn: number;
  made: number;
  failed: number;
  joined: number;
  circles: number;
  /** Joined but in no circle after a round of circles: they wait for the next round. */
  waiting: number;
  circlesFailed: number;
}

export async function connectionStatus(store: Connections & Pick<StoreMeta, 'getMeta'>, run: string): Promise<ConnectionStatus> {
  const intros = await store.listIntroductions(run);
  const circles = await store.listCircles(run);
  const joined = await store.listOptIns(run, 'circle');
  const seated = new Set(circles.flatMap((c) => c.users.map((u) => personOf(c.platform, u))));
  const rounds = (await store.getMeta(circlesRoundKey(run))) !== null;
  return {
    optedIn: (await store.listOptIns(run, 'connect')).length,
    made: intros.filter((i) => i.state === 'sent').length,
    failed: intros.filter((i) => i.state !== 'sent').length,
    joined: joined.length,
    circles: circles.filter((c) => c.state === 'sent').length,
    waiting: rounds ? joined.filter((o) => !seated.has(personOf(o.platform, o.userId))).length : 0,
    circlesFailed: circles.filter((c) => c.state !== 'sent').length,
  };
}

/** Its lines, only where something happened (a run nobody opted into says nothing of it). */
export function connectionLines(c: ConnectionStatus | undefined, tr: Translator): string[] {
  if (!c) return [];
  const lines: string[] = [];
  if (c.optedIn || c.made || c.failed) lines.push(tr.t('status.connections', { optedIn: c.optedIn, made: c.made, failed: c.failed }));
  if (c.joined || c.circles || c.circlesFailed) lines.push(tr.t('status.circles', { joined: c.joined, circles: c.circles, waiting: c.waiting, failed: c.circlesFailed }));
  return lines;
}
