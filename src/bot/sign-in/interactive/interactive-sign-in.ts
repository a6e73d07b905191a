import type { Locale } from '../../../i18n';

/** Whose sign-in a link or a handover code belongs to. */
export interface SignInSubject {
  tenantId: string;
  /** Entra object id: the activity's `from.aadObjectId`. */
  oid: string;
}

/** What the sign-in page needs to know about the agent it signs in. */
export interface SignInLinkRequest extends SignInSubject {
  /** Language of the page. */
  locale: Locale;
  /** The agent's user name (UPN), when known: Entra preselects the account. */
  loginHint?: string;
  /** The `claims` challenge of an `interaction_required` answer, passed on to Entra as is. */
  claims?: string;
}

/** Why a handover code was not accepted. */
export type HandoverRefusal = 'unknown' | 'expired' | 'used' | 'otherUser';

export type HandoverRedemption =
  | { ok: true; /** The user assertion (an access token for our API), for on-behalf-of. Never log it. */ assertion: string }
  | { ok: false; reason: HandoverRefusal };

/**
 * The interactive sign-in fallback as the bot sees it: links to the page the bot serves, and the
 * one-time codes the page hands to Teams. The HTTP side (`src/server/sign-in`) implements it.
 */
export interface InteractiveSignIn {
  /** A link to the sign-in page for this agent; undefined when the page is not served (no public URL). */
  linkFor(request: SignInLinkRequest): string | undefined;
  /**
   * Remember a claims challenge (and user name) learnt after a link was sent, so that the agent's
   * links still open pass it on to Entra.
   */
  noteChallenge(subject: SignInSubject, challenge: { claims?: string; loginHint?: string }): void;
  /** Take a handover code sent by Teams in `signin/verifyState`: one time, in time, same user. */
  redeemHandover(code: string, subject: SignInSubject): HandoverRedemption;
}
