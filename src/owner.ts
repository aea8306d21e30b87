import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Owners made in this process (tests run several apps in one process): never "gone". */
const mine = new Set<string>();

/** This process's id in the ledger: host, pid and a random tail (a pid is reused across restarts). */
export function newOwnerId(): string {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  mine.add(id);
  return id;
}

/**
 * Is `owner` a process on this host that no longer runs? Only then may its claims be taken over
 * before their lease ends. Our own pid with an owner this process did not make is an earlier life
 * of it (a container restarts with the same pid). Other hosts and unknown shapes: not known gone.
 */
export function ownerIsGoneHere(owner: string): boolean {
  const m = /^(.*):(\d+):([0-9a-f]+)$/.exec(owner);
  if (!m || mine.has(owner) || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: a process of another user has the pid — alive as far as we can tell.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
