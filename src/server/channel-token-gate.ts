/**
 * The first look at an inbound `Authorization` header, before botframework-connector reads it.
 * The library decodes any bearer token before checking its signature, and keeps issuer strings
 * built from the unverified tenant id (`tid`) of every token that is not a channel token, in a
 * list shared by the whole process that never shrinks. Teams only ever sends channel tokens, so
 * anything else is refused here, unread by the library.
 */

/**
 * The longest header looked at, in characters. A Bot Framework channel token is about 1 kB (a
 * header naming the key, five short claims, an RS256 signature); 4 kB leaves room for claims
 * added later while keeping a refused request's cost small.
 */
export const MAX_AUTHORIZATION_HEADER_LENGTH = 4096;

/** Why a header cannot carry a channel token. */
export type ChannelTokenRefusal = 'missing' | 'tooLong' | 'notBearer' | 'notJwt' | 'otherIssuer';

/**
 * Why `header` cannot be a channel token from `channelIssuer` (undefined when it may be one).
 * Only shape and the unverified `iss` are checked: the library still checks the signature and
 * every claim of what passes.
 */
export function channelTokenRefusal(header: string | undefined, channelIssuer: string): ChannelTokenRefusal | undefined {
  if (!header?.trim()) return 'missing';
  if (header.length > MAX_AUTHORIZATION_HEADER_LENGTH) return 'tooLong';
  // The library's own reading: exactly "Bearer <token>".
  const parts = header.split(' ');
  if (parts.length !== 2 || parts[0] !== 'Bearer') return 'notBearer';
  const segments = parts[1]!.split('.');
  if (segments.length !== 3) return 'notJwt';
  const payload = decodedJson(segments[1]!);
  if (payload === undefined) return 'notJwt';
  return payload.iss === channelIssuer ? undefined : 'otherIssuer';
}

function decodedJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
