import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** AES-256-GCM: 32-byte keys, a 12-byte random nonce per record, a 16-byte tag. */
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/** Thrown when no configured key opens a record (a wrong key, or a record altered at rest). */
export class TokenCacheKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCacheKeyError';
  }
}

/** TOKEN_CACHE_KEY and, during a rotation, TOKEN_CACHE_KEY_PREVIOUS (base64 of 32 bytes each). */
export interface TokenCacheKeys {
  current: Buffer;
  previous?: Buffer;
}

/**
 * Seals token records with AES-256-GCM. Each record names the key that sealed it by a fingerprint
 * (a hash, which reveals nothing of the key), so after a rotation records sealed with the previous
 * key still open until they expire, and new ones are sealed with the current key. The partition
 * is authenticated with the record, so a record copied into another agent's partition does not open.
 */
export class TokenCacheCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly currentId: string;

  constructor(keys: TokenCacheKeys) {
    for (const key of [keys.current, keys.previous]) {
      if (key && key.length !== KEY_BYTES) throw new TokenCacheKeyError(`A token cache key must be ${KEY_BYTES} bytes.`);
    }
    this.currentId = fingerprint(keys.current);
    this.keys = new Map([...(keys.previous ? [[fingerprint(keys.previous), keys.previous] as const] : []), [this.currentId, keys.current]]);
  }

  /** A cipher with a key of its own, for a cache that never leaves this process. */
  static withRandomKey(): TokenCacheCipher {
    return new TokenCacheCipher({ current: randomBytes(KEY_BYTES) });
  }

  seal(plain: string, partition: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(this.currentId), nonce);
    cipher.setAAD(Buffer.from(partition, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, this.currentId, nonce.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  /** The plain text; TokenCacheKeyError when no configured key opens it. */
  open(sealed: string, partition: string): string {
    const [format, keyId, nonce, tag, body, ...rest] = sealed.split('.');
    if (format !== FORMAT || !keyId || !nonce || !tag || body === undefined || rest.length) {
      throw new TokenCacheKeyError('The stored token record is not in a known format.');
    }
    const key = this.keys.get(keyId);
    if (!key) throw new TokenCacheKeyError('The stored token record was sealed with a key that is neither TOKEN_CACHE_KEY nor TOKEN_CACHE_KEY_PREVIOUS.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'));
      decipher.setAAD(Buffer.from(partition, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64').subarray(0, TAG_BYTES));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenCacheKeyError('The stored token record does not open with its key: it was altered, or belongs to another agent.');
    }
  }

  private keyFor(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new TokenCacheKeyError('No current token cache key.');
    return key;
  }
}

/** A short, one-way name for a key: which key sealed a record, without saying anything of the key. */
function fingerprint(key: Buffer): string {
  return createHash('sha256').update('passcode-desk token cache key\n').update(key).digest('base64url').slice(0, 12);
}
