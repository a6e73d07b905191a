import type { JwtClaims } from '../jwt';

/**
 * Whether a user assertion shows a multi-factor sign-in: `amr` holds `mfa`. Teams SSO tokens of
 * the simulator carry no `amr`, tokens from the authorize page's MFA step do, so the on-behalf-of
 * of a user flagged `mfaRequired` works only after the interactive sign-in.
 */
export function mfaSatisfied(claims: JwtClaims): boolean {
  return Array.isArray(claims.amr) && claims.amr.includes('mfa');
}

/** The `claims` request parameter: does it ask for anything (then the page shows an MFA step)? */
export interface ClaimsChallenge {
  present: boolean;
  /** Authentication context ids asked for (`access_token.acrs.values`). */
  acrs: string[];
}

export function readClaimsChallenge(raw: string | null): ClaimsChallenge {
  if (!raw || !raw.trim()) return { present: false, acrs: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Entra refuses malformed claims; the page treats them as a challenge and asks for MFA anyway.
    return { present: true, acrs: [] };
  }
  const accessToken = isObject(parsed) ? parsed.access_token : undefined;
  const acrs = isObject(accessToken) && isObject(accessToken.acrs) && Array.isArray(accessToken.acrs.values)
    ? accessToken.acrs.values.filter((v): v is string => typeof v === 'string')
    : [];
  return { present: true, acrs };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
