import { summaryForms, type SummaryMessage } from './summary';

/** A summary as one platform renders it, and which of its forms that is (0: the full one). */
export interface FittedSummary<T> {
  body: T;
  form: number;
}

/**
 * The first form of `m` (longest first) whose rendering `fits`; the shortest form when none does
 * (its renderer still cuts it to the limit). Platforms differ only in `render` and `fits`.
 */
export function fitSummary<T>(m: SummaryMessage, render: (m: SummaryMessage) => T, fits: (body: T) => boolean, from = 0): FittedSummary<T> | null {
  const forms = summaryForms(m);
  if (from >= forms.length) return null;
  for (let i = from; i < forms.length; i++) {
    const body = render(forms[i]!);
    if (fits(body) || i === forms.length - 1) return { body, form: i };
  }
  return null;
}

/**
 * Sends the first form of `m` that fits; when the platform still refuses it as too long (a
 * permanent answer for that body: `tooLong(err)`), sends the next shorter form once. The same body
 * is never sent twice.
 */
export async function sendFitting<T, R>(
  m: SummaryMessage,
  platform: { render: (m: SummaryMessage) => T; fits: (body: T) => boolean; tooLong: (err: unknown) => boolean },
  send: (body: T) => Promise<R>,
): Promise<R> {
  const first = fitSummary(m, platform.render, platform.fits)!;
  try {
    return await send(first.body);
  } catch (err) {
    const next = platform.tooLong(err) ? fitSummary(m, platform.render, platform.fits, first.form + 1) : null;
    if (!next) throw err;
    return send(next.body);
  }
}
