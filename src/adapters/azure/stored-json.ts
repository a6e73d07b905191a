/**
 * Documents as JSON inside Table entities. A string property holds at most 64 KiB (32K UTF-16
 * characters), so longer documents are split over `body0..bodyN`; an entity holds 1 MiB in all,
 * far above any flow or request.
 *
 * Before anything is written it is checked for secrets: a field named like a passcode, token,
 * password or secret, or a value shaped like a JWT, is refused (the domain types have none; this
 * catches, say, a raw Teams activity carrying a sign-in token slipping into an opaque field).
 */
const CHUNK = 30_000;
const SECRET_KEY = /passcode|token|password|secret|authorization/i;
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;

/** Thrown when a value about to be stored looks like it holds a secret. Names the path only. */
export class SecretInStorageError extends Error {
  constructor(path: string) {
    super(`Refusing to store a value that looks like a secret at ${path}.`);
    this.name = 'SecretInStorageError';
  }
}

/** Throw SecretInStorageError when `value` holds a secret-like field name or a JWT-like string. */
export function assertNoSecrets(value: unknown, path = '$'): void {
  if (typeof value === 'string') {
    if (JWT.test(value)) throw new SecretInStorageError(path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(item, `${path}[${index}]`));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) throw new SecretInStorageError(`${path}.${key}`);
      assertNoSecrets(child, `${path}.${key}`);
    }
  }
}

/** Properties holding the document as JSON (checked for secrets first). */
export function bodyProperties(document: unknown): Record<string, string | number> {
  assertNoSecrets(document);
  const json = JSON.stringify(document);
  if (json.length <= CHUNK) return { body: json };
  const parts: Record<string, string | number> = {};
  let index = 0;
  for (let start = 0; start < json.length; index += 1) {
    let end = Math.min(start + CHUNK, json.length);
    // Never cut a surrogate pair in two: each half alone would not survive UTF-8.
    const code = json.charCodeAt(end - 1);
    if (end < json.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    parts[`body${index}`] = json.slice(start, end);
    start = end;
  }
  parts.bodyParts = index;
  return parts;
}

/** The document stored by bodyProperties; throws when the entity has none. */
export function readBody(entity: Record<string, unknown>): unknown {
  if (typeof entity.body === 'string') return JSON.parse(entity.body);
  const count = entity.bodyParts;
  if (typeof count !== 'number') throw new Error('The stored entity holds no document.');
  let json = '';
  for (let index = 0; index < count; index += 1) {
    const part = entity[`body${index}`];
    if (typeof part !== 'string') throw new Error('The stored entity holds a broken document.');
    json += part;
  }
  return JSON.parse(json);
}
