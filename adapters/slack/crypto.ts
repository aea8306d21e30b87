import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/** AES-256-GCM for installation tokens at rest; the key is derived from WOLBOT_SECRET_KEY. */
export class TokenCipher {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (!secret || secret.length < 16) throw new Error('WOLBOT_SECRET_KEY must be at least 16 characters');
    this.key = scryptSync(secret, 'wolbot/slack-installations/v1', 32);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(data: string): string {
    if (!data.startsWith('v1:')) throw new Error('unknown installation encoding');
    const buf = Buffer.from(data.slice(3), 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key, buf.subarray(0, 12));
    d.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
  }
}
