import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { newOwnerId, ownerIsGoneHere } from '../src/owner';

describe('ledger owner ids', () => {
  test('carry host and pid; a process of this host that exited is gone, a live one is not', async () => {
    const mine = newOwnerId();
    expect(mine.startsWith(`${hostname()}:${process.pid}:`)).toBe(true);
    expect(ownerIsGoneHere(mine)).toBe(false);

    const child = spawn(process.execPath, ['-e', '']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    expect(ownerIsGoneHere(`${hostname()}:${pid}:abc123`)).toBe(true);
    expect(ownerIsGoneHere(`${hostname()}:${process.ppid}:abc123`)).toBe(false); // alive
    expect(ownerIsGoneHere(`other-host:${pid}:abc123`)).toBe(false); // cannot tell: wait for the lease
    expect(ownerIsGoneHere('cli')).toBe(false);
    // This pid, but an owner this process never made: an earlier life of a restarted container.
    expect(ownerIsGoneHere(`${hostname()}:${process.pid}:ffffff`)).toBe(true);
  });
});
