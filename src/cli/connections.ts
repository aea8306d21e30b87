/** `wolbot introduce` and `wolbot circles`: a round in each programme's current run (or --programme ID's). */
import type { Context } from '../open-context';
import { english } from '../core/i18n/catalogue';
import { currentRun } from '../core/runs';
import type { ProgrammeSettings } from '../core/settings';
import { UsageError } from './usage';

function programmeNamed(ctx: Context, id: string | undefined): ProgrammeSettings | undefined {
  if (id === undefined) return undefined;
  const p = ctx.loaded.settings.programmes.find((x) => x.programme.id === id);
  if (!p) throw new UsageError(`no programme "${id}" in the config (it has ${ctx.loaded.settings.programmes.map((x) => x.programme.id).join(', ')})`);
  return p;
}

/** The round's outcome a line a run, in the CLI's English. */
export async function connectionsRound(ctx: Context, word: 'introduce' | 'circles', programmeId: string | undefined): Promise<string[]> {
  const only = programmeNamed(ctx, programmeId);
  if (word === 'introduce') {
    const rounds = await ctx.core.introduce(only);
    return rounds.map(({ programme, result: r }) => `${currentRun(programme)}: ${english.t('cmd.introduce.done', { n: r.made, failed: r.failed })}`);
  }
  const rounds = await ctx.core.formCircles(only);
  return rounds.map(({ programme, result: r }) => `${currentRun(programme)}: ${english.t('cmd.circles.done', { n: r.formed, placed: r.placed, waiting: r.waiting, failed: r.failed })}`);
}
