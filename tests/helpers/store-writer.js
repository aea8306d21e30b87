// Child process for the SQLite backup test: writes reactions through the compiled store, one
// event each, and keeps writing until a line arrives on stdin — so it is certainly still writing
// while the parent backs up. Prints "ready N" after its first N writes and "done N" at the end.
// argv: <compiled store index.js> <database url> <first batch>
const [storeModule, url, firstBatch] = process.argv.slice(2);
const { openStore } = require(storeModule);

let stop = false;
process.stdin.on('data', () => (stop = true));

(async () => {
  const store = await openStore(url, { cwd: process.cwd() });
  const now = new Date('2026-11-16T09:00:00.000Z');
  let i = 0;
  for (; !stop; i++) {
    await store.addReaction(`w-${i}`, { platform: 'local', channelId: 'bk', itemId: 'p', user: `u${i}`, emoji: 'x', at: now }, now);
    if (i + 1 === Number(firstBatch)) process.stdout.write(`ready ${i + 1}\n`);
    // The store's calls settle as microtasks; yield now and then so stdin's "stop" is read.
    if (i % 20 === 0) await new Promise((r) => setImmediate(r));
  }
  await store.close();
  process.stdout.write(`done ${i}\n`);
  process.stdin.destroy();
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
