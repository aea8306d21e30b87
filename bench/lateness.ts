/**
 * Schedule lateness: `n` Slack channels spread over `zones` timezones, every one due in the same
 * UTC minute, against a zero-latency fake (no rate limit; the pacer's ceiling raised to match, so
 * what is measured is the scheduler, ledger and adapter). A shifted clock puts the minute a second
 * ahead, then one tick runs as cron would at the minute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { startWolbot } from '../src/app';
import type { Clock } from '../src/core/ports/clock';
import { BenchSlack } from './fake-slack';
import { channelIds, round, slackEnv, sleep, tempDir } from './util';

const ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
  'America/Halifax', 'America/St_Johns', 'America/Sao_Paulo', 'Atlantic/South_Georgia', 'Atlantic/Azores', 'UTC', 'Europe/London',
  'Europe/Paris', 'Europe/Helsinki', 'Europe/Moscow', 'Asia/Tehran', 'Asia/Dubai', 'Asia/Kabul', 'Asia/Karachi', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Asia/Dhaka', 'Asia/Yangon', 'Asia/Bangkok', 'Asia/Shanghai', 'Australia/Eucla', 'Asia/Tokyo', 'Australia/Darwin',
  'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Noumea', 'Pacific/Auckland', 'Pacific/Chatham', 'Pacific/Tongatapu', 'Pacific/Kiritimati',
  'Pacific/Pago_Pago', 'America/Caracas', 'America/Bogota', 'Africa/Lagos', 'Africa/Cairo', 'Africa/Nairobi',
];

export async function lateness(n: number, zoneCount: number) {
  const dir = tempDir('lateness');
  const fake = await new BenchSlack().start();
  // The minute everyone is due, and the zones whose local date at that minute is the same (the
  // programme has one start date), so day 1 is due everywhere at once.
  const minute = DateTime.utc().startOf('minute').plus({ minutes: 2 });
  const byDate = new Map<string, string[]>();
  for (const z of ZONES) {
    const d = minute.setZone(z).toISODate()!;
    byDate.set(d, [...(byDate.get(d) ?? []), z]);
  }
  const [startDate, zones] = [...byDate.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  const used = zones.slice(0, zoneCount);
  const ids = channelIds('CL', n);
  const lines = ['program: wol-week', `start: ${startDate}`, 'time: "09:00"', 'timezone: UTC', 'admins: [UADMIN]', 'channels:'];
  ids.forEach((id, i) => {
    const z = used[i % used.length];
    lines.push(`  - { id: "slack:${id}", timezone: ${z}, time: "${minute.setZone(z).toFormat('HH:mm')}" }`);
  });
  fs.writeFileSync(path.join(dir, 'wolbot.yaml'), `${lines.join('\n')}\n`);

  // Shifted once the app is up (start-up is not part of the lateness: cron ticks a running app).
  let offset = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  const log = fs.createWriteStream(path.join(dir, 'log.ndjson'));
  const app = await startWolbot({ env: slackEnv(dir, fake.url, { SLACK_MAX_POSTS_PER_SECOND: '100000' }), cwd: dir, cron: false, port: 0, logStream: log, clock });
  try {
    offset = minute.toMillis() - 1000 - Date.now();
    const dueReal = minute.toMillis() - offset;
    await sleep(Math.max(0, dueReal - Date.now()));
    await app.tick();
    const times = fake.posts.filter((p) => p.day === 1).map((p) => p.at - dueReal).sort((a, b) => a - b);
    const perChannel = new Set(fake.posts.map((p) => p.channel));
    return {
      channels: n,
      timezones: used.length,
      posted: times.length,
      channelsPosted: perChannel.size,
      firstSeconds: round(times[0] / 1000, 3),
      lastSeconds: round(times[times.length - 1] / 1000, 3),
    };
  } finally {
    await app.stop();
    await fake.stop();
    log.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
