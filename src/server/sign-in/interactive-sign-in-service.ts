import { decodeJwtClaims } from '../../adapters/identity/sso-token';
import type { Locale } from '../../i18n';
import type { Logger } from '../../ports/logger';
import type {
  HandoverRedemption,
  InteractiveSignIn,
  SignInLinkRequest,
  SignInSubject,
} from '../../bot/sign-in/interactive/interactive-sign-in';
import { accessAsUserScope, authorizeUrl } from './authorize-url';
import type { CodeRedeemer } from './code-redeemer';
import { HandoverCodes } from './handover-codes';
import { SignInAttempts } from './sign-in-attempts';

/** Paths of the sign-in page under the bot's public URL. */
export const SIGN_IN_PATHS = {
  start: '/auth/start',
  callback: '/auth/callback',
} as const;

export interface InteractiveSignInServiceOptions {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** The bot's public base URL, read when a link is made (in local runs it is known once listening). */
  publicBaseUrl: () => string | undefined;
  redeemer: CodeRedeemer;
  logger: Logger;
  attempts?: SignInAttempts;
  codes?: HandoverCodes;
}

export type StartOutcome =
  | { ok: true; redirectTo: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'unavailable' };

export type CallbackRefusal = 'unknownState' | 'expired' | 'denied' | 'otherAccount' | 'failed';

export type CallbackOutcome =
  | { ok: true; handoverCode: string; locale: Locale }
  | { ok: false; reason: CallbackRefusal; locale?: Locale };

/** What Entra put on the callback URL. */
export interface CallbackParams {
  state?: string;
  code?: string;
  /** Entra's `error` (e.g. `access_denied`); its description is not read: it may echo input. */
  error?: string;
}

/**
 * The interactive sign-in: links for the bot's cards, the round trip through Entra's authorize
 * endpoint, the server-side redemption of the code, and the one-time code that carries the
 * result to Teams (`signin/verifyState`). No token goes to the page, a URL or a log.
 */
export class InteractiveSignInService implements InteractiveSignIn {
  private readonly attempts: SignInAttempts;
  private readonly codes: HandoverCodes;
  private readonly logger: Logger;

  constructor(private readonly options: InteractiveSignInServiceOptions) {
    this.attempts = options.attempts ?? new SignInAttempts();
    this.codes = options.codes ?? new HandoverCodes();
    this.logger = options.logger.child({ component: 'signIn.interactive' });
  }

  linkFor(request: SignInLinkRequest): string | undefined {
    const base = this.baseUrl();
    if (!base) return undefined;
    const ticket = this.attempts.issueTicket(request);
    return `${base}${SIGN_IN_PATHS.start}?ticket=${encodeURIComponent(ticket)}`;
  }

  noteChallenge(subject: SignInSubject, challenge: { claims?: string; loginHint?: string }): void {
    this.attempts.noteChallenge(subject, challenge);
  }

  redeemHandover(code: string, subject: SignInSubject): HandoverRedemption {
    const result = this.codes.redeem(code, subject);
    if (result.ok) this.logger.info('signIn.interactive.handedOver', { agentOid: subject.oid });
    else this.logger.warn('signIn.interactive.handoverRefused', { agentOid: subject.oid, reason: result.reason });
    return result;
  }

  /** `GET /auth/start?ticket=…`: where to send the browser (Entra's authorize endpoint). */
  start(ticketId: string | undefined): StartOutcome {
    const redirectUri = this.redirectUri();
    if (!redirectUri) return { ok: false, reason: 'unavailable' };
    const begun = ticketId ? this.attempts.begin(ticketId) : { ok: false as const, reason: 'unknown' as const };
    if (!begun.ok) {
      this.logger.warn('signIn.interactive.startRefused', { reason: begun.reason });
      return begun;
    }
    const attempt = begun.value;
    this.logger.info('signIn.interactive.started', {
      agentOid: attempt.subject.oid,
      withClaims: attempt.claims !== undefined,
      withLoginHint: attempt.loginHint !== undefined,
    });
    const { authorityHost, tenantId, clientId } = this.options;
    return { ok: true, redirectTo: authorizeUrl({ authorityHost, tenantId, clientId, redirectUri }, attempt) };
  }

  /** `GET /auth/callback?code=…&state=…`: redeem the code, check whose it is, issue a handover code. */
  async complete(params: CallbackParams): Promise<CallbackOutcome> {
    const taken = params.state ? this.attempts.take(params.state) : { ok: false as const, reason: 'unknown' as const };
    if (!taken.ok) {
      this.logger.warn('signIn.interactive.callbackRefused', { reason: taken.reason === 'expired' ? 'expired' : 'unknownState' });
      return { ok: false, reason: taken.reason === 'expired' ? 'expired' : 'unknownState' };
    }
    const attempt = taken.value;
    const log = this.logger.child({ agentOid: attempt.subject.oid });
    const refuse = (reason: CallbackRefusal, fields: Record<string, string> = {}): CallbackOutcome => {
      log.warn('signIn.interactive.callbackRefused', { reason, ...fields });
      return { ok: false, reason, locale: attempt.locale };
    };
    if (params.error) return refuse('denied', { entraError: params.error.slice(0, 64) });
    const redirectUri = this.redirectUri();
    if (!params.code || !redirectUri) return refuse('failed');

    let assertion: string;
    try {
      assertion = await this.options.redeemer.redeem({
        code: params.code,
        redirectUri,
        codeVerifier: attempt.codeVerifier,
        nonce: attempt.nonce,
        scopes: [accessAsUserScope(this.options.clientId)],
        claims: attempt.claims,
      });
    } catch (error) {
      return refuse('failed', { error: errorName(error) });
    }

    // The browser may be signed in to another account than the agent's in Teams.
    let claims: Record<string, unknown>;
    try {
      claims = decodeJwtClaims(assertion);
    } catch {
      return refuse('failed', { error: 'unreadableToken' });
    }
    if (!sameId(claims.tid, attempt.subject.tenantId) || !sameId(claims.oid, attempt.subject.oid)) {
      return refuse('otherAccount');
    }
    const handoverCode = this.codes.issue(attempt.subject, assertion);
    log.info('signIn.interactive.completed');
    return { ok: true, handoverCode, locale: attempt.locale };
  }

  private baseUrl(): string | undefined {
    const base = this.options.publicBaseUrl();
    return base ? base.replace(/\/+$/, '') : undefined;
  }

  private redirectUri(): string | undefined {
    const base = this.baseUrl();
    return base ? `${base}${SIGN_IN_PATHS.callback}` : undefined;
  }
}

const sameId = (a: unknown, b: string): boolean => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The kind of a failure, for logs: msal's error code, never its message. */
function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { errorCode?: unknown }).errorCode;
    if (typeof code === 'string' && code) return code.slice(0, 64);
    if (error instanceof Error) return error.name;
  }
  return 'unknown';
}
