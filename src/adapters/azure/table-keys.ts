/**
 * Table keys must not contain / \ # ? or control characters, and are compared as strings. Ids
 * come from Entra, Intune and our own uuids, but any text is made safe: letters, digits, - and .
 * are kept, every other UTF-8 byte becomes `~XX`. The encoding keeps distinct ids distinct.
 */
export function keyPart(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9.-]/.test(ch) ? ch : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Order of two ids as the row keys holding them order them. */
export function byKey(a: string, b: string): number {
  const ka = keyPart(a);
  const kb = keyPart(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const MAX_MS = 9_999_999_999_999;

function millis(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || ms < 0 || ms > MAX_MS) throw new Error(`Not a storable time: "${iso}".`);
  return ms;
}

/** A time as 13 digits, so row keys sort oldest first. */
export function ascendingTime(iso: string): string {
  return String(millis(iso)).padStart(13, '0');
}

/** A time as 13 digits counting down, so row keys sort newest first. */
export function descendingTime(iso: string): string {
  return String(MAX_MS - millis(iso)).padStart(13, '0');
}

/** OData range bounds for every row key starting with `prefix`. */
export function prefixRange(prefix: string): { from: string; to: string } {
  // The smallest string above every string starting with the prefix: bump its last character.
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}` };
}
