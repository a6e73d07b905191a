/** A JWT-shaped string with these claims and a dummy signature (our checks never verify it). */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export const TENANT = '0f0e0d0c-0000-4000-8000-000000000001';
export const CLIENT = 'c1c1c1c1-0000-4000-8000-000000000002';
export const AGENT_OID = 'a9a9a9a9-0000-4000-8000-000000000003';
export const NOW_MS = Date.parse('2026-11-25T08:00:00Z');

/** A Teams SSO token for the agent, valid for an hour from NOW_MS, with `overrides` applied. */
export function ssoToken(overrides: Record<string, unknown> = {}): string {
  const now = Math.floor(NOW_MS / 1000);
  return unsignedJwt({
    aud: `api://botid-${CLIENT}`,
    tid: TENANT,
    oid: AGENT_OID,
    scp: 'access_as_user',
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    ...overrides,
  });
}
