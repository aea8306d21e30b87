import path from 'node:path';

const repo = path.resolve(__dirname, '..', '..');

/** A config whose day 1 is due right now (UTC, this minute, starting today) in `channels`. */
export function dueNowConfig(channels: string[], extra = ''): string {
  const now = new Date();
  const hh = String(now.getUTCHours()).padStart(2, '0');
  const mm = String(now.getUTCMinutes()).padStart(2, '0');
  return [
    `program: ${path.join(repo, 'schedules/wol-week.yaml')}`,
    `start: ${now.toISOString().slice(0, 10)}`,
    `time: "${hh}:${mm}"`,
    'timezone: UTC',
    'admins: [UADMIN]',
    'channels:',
    ...channels.map((c) => `  - ${c}`),
    extra,
  ].join('\n');
}

export function slackChannels(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `slack:C${String(i).padStart(4, '0')}`);
}
