import { decodeJwtClaims } from '../../../adapters/identity/sso-token';
import { isAppError } from '../../../domain/errors';

/** What the sign-in page passes on to Entra after an `interaction_required` answer. */
export interface InteractiveChallenge {
  /** Entra's `claims` challenge (JSON text), when it sent one. */
  claims?: string;
}

/** The challenge of an `auth.interactionRequired` error (MFA, Conditional Access); undefined for any other error. */
export function interactionChallenge(error: unknown): InteractiveChallenge | undefined {
  if (!isAppError(error) || error.code !== 'auth.interactionRequired') return undefined;
  const claims = error.details.claims;
  return typeof claims === 'string' && claims.trim() ? { claims } : {};
}

/**
 * The user name in a Teams SSO token, used only as Entra's `login_hint` (a hint, so reading it
 * without checking the signature is fine). Undefined when the token does not say.
 */
export function loginHintOf(ssoToken: string): string | undefined {
  try {
    const claims = decodeJwtClaims(ssoToken);
    const name = claims.preferred_username ?? claims.upn;
    return typeof name === 'string' && name.includes('@') && name.length <= 256 ? name : undefined;
  } catch {
    return undefined;
  }
}
