// Child process for the SQLite backup test: writes reactions through the compiled store until it
// has written <count> of them, printing how many it wrote.
// argv: <compiled store index.js> <database url> <count>
const [storeModule, url, count] = process.argv.slice(2);
const { openStore } = require(storeModule);

(async () => {
  const store = await openStore(url, { cwd: process.cwd() });
  const now = new Date('2026-11-16T09:00:00.000Z');
  process.stdout.write('ready\n');
  let i = 0;
  for (; i < Number(count); i++) {
    await store.addReaction(`w-${i}`, { platform: 'local', channelId: 'bk', itemId: 'p', user: `u${i}`, emoji: 'x', at: now }, now);
  }
  await store.close();
  process.stdout.write(`done ${i}\n`);
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
