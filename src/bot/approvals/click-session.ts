import type { InvokeResponse } from 'botbuilder';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import type { Locale } from '../../i18n';
import { loginRequestResponse, messageResponse, type CardActionResponse } from '../invoke-responses';
import type { SessionGate } from '../sign-in/agent-sign-in';
import { loginRequestValue } from '../sign-in/oauth-card';
import { errorFields, userFacingError } from '../user-facing-error';
import type { ClickAuthentication } from './request-card-payload';

export type CardAnswer = InvokeResponse<CardActionResponse>;

export interface ClickSessionDeps {
  tokens: DelegatedTokenProvider;
  session: SessionGate;
  clientId: string;
  signInUrl?: string;
  logger: Logger;
}

/**
 * The clicking agent's delegated session for a card button, as the reset flow's buttons get it:
 * the token Teams attached to a repeated action, else an existing or silent session, else a
 * `loginRequest` answer (works in channels too), after which Teams repeats the click with a token.
 */
export class ClickSession {
  constructor(private readonly deps: ClickSessionDeps) {}

  /** Undefined when the agent has a session; otherwise the answer to give Teams instead. */
  async ensure(oid: string, authentication: ClickAuthentication | undefined, locale: Locale, log: Logger): Promise<CardAnswer | undefined> {
    if (authentication) {
      try {
        await this.deps.tokens.signIn(authentication.token, oid);
      } catch (error) {
        log.warn('bot.click.signInFailed', errorFields(error));
        // In words, whatever the failure: a 412 shows the agent only a bare error on the card.
        return messageResponse(userFacingError(error, locale));
      }
    }
    try {
      if (await this.deps.session.trySilentSession(oid)) return undefined;
    } catch (error) {
      log.warn('bot.click.silentSignInFailed', errorFields(error));
      return messageResponse(userFacingError(error, locale));
    }
    return this.loginRequest(locale);
  }

  /** Ask Teams for an SSO token and a repeat of the click. */
  loginRequest(locale: Locale): CardAnswer {
    const { clientId, signInUrl } = this.deps;
    return loginRequestResponse(loginRequestValue({ clientId, locale, signInUrl }));
  }
}
