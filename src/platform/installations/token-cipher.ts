import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A token as stored: AES-256-GCM ciphertext (iv.tag.data, base64) and the version of the key it is under. */
export interface SealedToken {
  keyVersion: string;
  ciphertext: string;
}

export class UnknownKeyVersion extends Error {
  override name = 'UnknownKeyVersion';
  constructor(version: string) {
    super(`a token is encrypted under key ${version}, which is not among LEARNLOOP_ENCRYPTION_KEY and LEARNLOOP_PREVIOUS_ENCRYPTION_KEYS`);
  }
}

/** A key's version: a short fingerprint, so a version never names the wrong key and reveals nothing of it. */
export function keyVersionOf(key: Buffer): string {
  return `k${createHash('sha256').update('learnloop token key').update(key).digest('hex').slice(0, 12)}`;
}

/**
 * Encrypts tokens under the first key and decrypts under any of them (the others are previous keys kept
 * during a rotation). Each token is bound to its row (`context`, the installation's id), so a ciphertext
 * copied into another row does not decrypt.
 */
export class TokenCipher {
  private readonly keys: Map<string, Buffer>;
  readonly currentVersion: string;

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0 || keys.some((key) => key.length !== 32)) throw new Error('TokenCipher needs 32-byte keys');
    this.keys = new Map(keys.map((key) => [keyVersionOf(key), key]));
    this.currentVersion = keyVersionOf(keys[0]!);
  }

  seal(token: string, context: string): SealedToken {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentVersion)!, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return { keyVersion: this.currentVersion, ciphertext: [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64')).join('.') };
  }

  open(sealed: SealedToken, context: string): string {
    const key = this.keys.get(sealed.keyVersion);
    if (!key) throw new UnknownKeyVersion(sealed.keyVersion);
    const [iv, tag, data] = sealed.ciphertext.split('.').map((part) => Buffer.from(part, 'base64'));
    if (!iv || !tag || !data) throw new Error('a stored token is not in the iv.tag.data form');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }
}
