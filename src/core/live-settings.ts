/**
 * A config edited while the server runs: what changed (said to the operator) and the swap itself.
 * The core's parts read `settings` when they act, so the running settings object is updated in
 * place; one part keeps its own reference to the admins list, so that list is updated in place too.
 */
import { channelLabel } from './channels';
import type { ConfiguredChannel, ProgrammeSettings, WolSettings } from './settings';

function channelText(c: ConfiguredChannel): string {
  const extra = [c.timezone, c.time].filter(Boolean).join(' ');
  return extra ? `${channelLabel(c)} (${extra})` : channelLabel(c);
}

const FIELDS = ['start', 'time', 'timezone', 'digest', 'digestQuiet', 'graceMs', 'days'] as const;

/** One programme's changed fields, channels and prompts, each a short phrase. */
function programmeChanges(a: ProgrammeSettings, b: ProgrammeSettings): string[] {
  const id = b.programme.id;
  const out: string[] = [];
  for (const f of FIELDS) {
    if (a[f] !== b[f]) out.push(`${id}: ${f} ${a[f] ?? '(none)'} → ${b[f] ?? '(none)'}`);
  }
  if ((a.skip ?? []).join() !== (b.skip ?? []).join()) out.push(`${id}: skip [${(a.skip ?? []).join(', ')}] → [${(b.skip ?? []).join(', ')}]`);
  const before = new Map(a.channels.map((c) => [channelLabel(c), channelText(c)]));
  const after = new Map(b.channels.map((c) => [channelLabel(c), channelText(c)]));
  for (const [label, text] of after) {
    if (!before.has(label)) out.push(`${id}: channel added ${text}`);
    else if (before.get(label) !== text) out.push(`${id}: channel ${before.get(label)} → ${text}`);
  }
  for (const label of before.keys()) if (!after.has(label)) out.push(`${id}: channel removed ${label}`);
  if (JSON.stringify(a.programme) !== JSON.stringify(b.programme)) out.push(`${id}: programme file changed (${b.programme.prompts.length} days, "${b.programme.title}")`);
  return out;
}

/** What an edit changes, one phrase each ("wol-week: start 2026-11-16 → 2026-12-07"); empty when nothing. */
export function describeChanges(a: WolSettings, b: WolSettings): string[] {
  const out: string[] = [];
  const before = new Map(a.programmes.map((p) => [p.programme.id, p]));
  const after = new Set(b.programmes.map((p) => p.programme.id));
  for (const p of b.programmes) {
    const old = before.get(p.programme.id);
    if (!old) out.push(`programme added ${p.programme.id} (start ${p.start} ${p.time} ${p.timezone}; channels ${p.channels.map(channelText).join(', ') || 'none'})`);
    else out.push(...programmeChanges(old, p));
  }
  for (const id of before.keys()) if (!after.has(id)) out.push(`programme removed ${id} (its runs stay in the store)`);
  if (a.admins.join() !== b.admins.join()) out.push(`admins [${a.admins.join(', ')}] → [${b.admins.join(', ')}]`);
  if (a.retentionMs !== b.retentionMs) out.push(`retention ${Math.round(a.retentionMs / 86_400_000)}d → ${Math.round(b.retentionMs / 86_400_000)}d`);
  return out;
}

/** Makes `current` hold `next` (same object, so every part sees the new values on its next read). */
export function replaceSettings(current: WolSettings, next: WolSettings): void {
  const admins = current.admins;
  admins.splice(0, admins.length, ...next.admins);
  for (const k of Object.keys(current) as (keyof WolSettings)[]) if (!(k in next)) delete current[k];
  Object.assign(current, next, { admins });
}
