import { randomBytes } from 'node:crypto';
import type { StoreMeta } from '../../core/ports/store';

/**
 * The key that signs the sign-in cookies: made once and kept in the store, so every replica
 * signs and checks with the same one (and a restart keeps people signed in).
 */
export function cookieKey(store: Pick<StoreMeta, 'setMetaIfAbsent'>): () => Promise<Buffer> {
  let key: Promise<Buffer> | undefined;
  return () => {
    key ??= store.setMetaIfAbsent('web.cookie-key', randomBytes(32).toString('base64url')).then((k) => Buffer.from(k, 'base64url'));
    key.catch(() => (key = undefined)); // a store that failed once is asked again next time
    return key;
  };
}
