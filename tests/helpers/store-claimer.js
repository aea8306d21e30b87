// Child process for the SQLite multi-process test: opens (and so migrates) the store through the
// compiled src/store at an agreed instant, then claims every key it can, ingests, and renames
// channels (a read-then-write transaction), and prints the key numbers it won as JSON on stdout.
// argv: <compiled store index.js> <database url> <worker name> <number of keys> <start at, epoch ms>
const [storeModule, url, worker, count, startAt] = process.argv.slice(2);
const { openStore } = require(storeModule); // load everything first, so both start migrating together

(async () => {
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const store = await openStore(url, { cwd: process.cwd() });
  const now = new Date('2026-11-16T09:00:00.000Z');
  const won = [];
  for (let i = 0; i < Number(count); i++) {
    const rec = await store.claimDelivery({
      id: `${worker}-${i}`, run: 'race@2026-11-16', kind: 'prompt', programme: 'race', day: 1, platform: 'local', channelId: `c${i}`, round: 0,
      state: 'claimed', trigger: 'schedule', scheduledAt: now, owner: worker, leaseUntil: now, now,
    });
    if (rec) won.push(i);
    await store.addReaction(`evt-${i}`, { platform: 'local', channelId: `c${i}`, itemId: 'p', user: worker, emoji: 'x', at: now }, now);
    // A transaction that reads before it writes: on SQLite only BEGIN IMMEDIATE keeps it safe here.
    await store.renameChannel('local', `rn-${worker}-${i}`, `rn-${worker}-${i}-new`, now);
  }
  await store.close();
  process.stdout.write(JSON.stringify({ worker, won }));
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
