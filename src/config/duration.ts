const DURATION_RE = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1_000];

/**
 * A duration like `30m`, `4h`, `1h30m`, `2d` (units d, h, m, s, in that order) in milliseconds;
 * null when the text is not one.
 */
export function parseDuration(s: string): number | null {
  if (typeof s !== 'string') return null;
  const m = DURATION_RE.exec(s.trim());
  if (!m || s.trim() === '') return null;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * UNIT_MS[i];
  return Number.isSafeInteger(ms) ? ms : null;
}
