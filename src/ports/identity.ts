/** Whose authority a Graph call runs under. The adapter turns it into a token; the domain never sees one. */
export interface DelegatedPrincipal {
  kind: 'delegated';
  /** Entra object id of the signed-in agent. */
  oid: string;
}

/**
 * The bot's own app-only identity (client credentials). Used ONLY for reads that hold
 * `DeviceManagementManagedDevices.Read.All` (an employee's own device list); never for a
 * privileged call, which the types enforce: resetPasscode takes a DelegatedPrincipal.
 */
export interface AppPrincipal {
  kind: 'app';
}

export type Principal = DelegatedPrincipal | AppPrincipal;

/** App-only Graph tokens (client credentials through msal, cached in memory). */
export interface AppTokenProvider {
  getAppGraphToken(): Promise<string>;
}

/**
 * Delegated (on-behalf-of) Graph tokens, in a token cache every instance shares (one partition per
 * agent), so a sign-in on one instance serves the agent on all of them and survives a restart.
 * Errors are AppError with codes auth.consentRequired (details.consentUrl),
 * auth.interactionRequired (details.claims), auth.tokenRejected (tid/aud/oid mismatch, malformed),
 * auth.signInRequired (no usable session for this user), auth.unexpected.
 */
export interface DelegatedTokenProvider {
  /**
   * Check a Teams SSO token (tid = our tenant, aud = our app, oid = expectedOid), exchange it
   * on behalf of the user for Graph scopes, and remember the session for that user.
   */
  signIn(ssoToken: string, expectedOid: string): Promise<void>;
  /**
   * Adopt a user assertion the bot obtained itself through the interactive sign-in page
   * (authorization code with PKCE, scope `api://botid-{clientId}/access_as_user`): the same kind of
   * token as Teams SSO, checked and exchanged the same way, then kept as the user's session.
   * Optional so that older implementations still compile; callers fall back to `signIn`.
   */
  adoptUserAssertion?(assertion: string, expectedOid: string): Promise<void>;
  /** A Graph access token for this user; throws auth.signInRequired when there is no session. */
  getGraphToken(oid: string): Promise<string>;
  /** True when a usable sign-in is cached for this user, on whichever instance asks. */
  hasSession(oid: string): Promise<boolean>;
  /** Delete the user's cached tokens for every instance (sign-out, Graph rejected the token). */
  forget(oid: string): Promise<void>;
}

/**
 * Where an SSO token can come from without asking Teams. In production there is none (Teams must
 * answer an OAuthCard); in demo mode the simulator signs one for the activity's aadObjectId.
 */
export interface SilentSsoSource {
  tryGetSsoToken(oid: string): Promise<string | undefined>;
}
