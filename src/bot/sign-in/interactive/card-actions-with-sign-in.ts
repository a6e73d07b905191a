import type { InvokeResponse, TurnContext } from 'botbuilder';
import { pickLocale, t, type Locale } from '../../../i18n';
import type { DelegatedTokenProvider } from '../../../ports/identity';
import type { Logger } from '../../../ports/logger';
import { CardActions, type CardActionsDeps } from '../../card-actions';
import { LOGIN_REQUEST_TYPE, loginRequestResponse, messageResponse, type CardActionResponse } from '../../invoke-responses';
import { actorOf } from '../../reset-request';
import { errorFields, userFacingError } from '../../user-facing-error';
import { SSO_CONNECTION_NAME } from '../oauth-card';
import { handoverCodeOf, type HandoverVerification } from './handover-verification';
import { interactionChallenge, loginHintOf } from './interactive-challenge';
import type { InteractiveSignIn } from './interactive-sign-in';

type Answer = InvokeResponse<CardActionResponse>;

export interface CardSignInDeps {
  interactive: InteractiveSignIn;
  handover: HandoverVerification;
  tokens: DelegatedTokenProvider;
  tenantId: string;
  logger: Logger;
}

/**
 * Card buttons with the interactive sign-in page for Universal Actions: the `loginRequest`'s
 * button leads to the agent's own page link; an SSO token that Entra refuses with
 * interaction_required gets a `loginRequest` for the page alone (with the claims challenge); and
 * when Teams repeats the action with `state` (the page's one-time code), the code becomes the
 * agent's session before the action runs.
 */
export class CardActionsWithSignIn extends CardActions {
  constructor(
    deps: CardActionsDeps,
    private readonly signIn: CardSignInDeps,
  ) {
    super(deps);
  }

  override async handle(context: TurnContext): Promise<Answer> {
    const actor = actorOf(context, this.signIn.tenantId);
    const value: unknown = context.activity.value;
    if (!actor || typeof value !== 'object' || value === null) return super.handle(context);
    const locale = pickLocale(context.activity.locale);
    const log = this.signIn.logger.child({ correlationId: context.activity.id, agentOid: actor.oid });
    const fields = value as Record<string, unknown>;

    const code = handoverCodeOf(value);
    if (code) {
      const outcome = await this.signIn.handover.verify(code, { tenantId: this.signIn.tenantId, oid: actor.oid });
      if (outcome.kind === 'failed') {
        log.warn('bot.card.handoverFailed', errorFields(outcome.error));
        return this.pageOnly(actor.oid, locale, outcome.error) ?? messageResponse(userFacingError(outcome.error, locale));
      }
      if (outcome.kind === 'refused' && !(await this.signIn.tokens.hasSession(actor.oid))) {
        log.warn('bot.card.handoverRefused', { reason: outcome.reason });
        return messageResponse(t(locale, 'bot.signin.verify.refused'));
      }
    }

    const auth = fields.authentication;
    const token = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>).token : undefined;
    if (typeof token === 'string' && token) {
      try {
        await this.signIn.tokens.signIn(token, actor.oid);
        // Exchanged here already; the base class must not exchange it a second time.
        context.activity.value = { ...fields, authentication: undefined };
      } catch (error) {
        const page = this.pageOnly(actor.oid, locale, error, loginHintOf(token));
        if (page) {
          log.warn('bot.card.signInNeedsPage', errorFields(error));
          return page;
        }
        // Any other failure is answered by the base class, as without the page.
      }
    }

    return this.withPageLink(await super.handle(context), actor.oid, locale);
  }

  /** After interaction_required: a loginRequest whose only way is the page, with the claims challenge. */
  private pageOnly(oid: string, locale: Locale, error: unknown, loginHint?: string): Answer | undefined {
    const challenge = interactionChallenge(error);
    const link = challenge && this.signIn.interactive.linkFor({ tenantId: this.signIn.tenantId, oid, locale, claims: challenge.claims, loginHint });
    if (!link) return undefined;
    const title = t(locale, 'bot.signin.card.button');
    return loginRequestResponse({
      text: t(locale, 'bot.signin.card.text'),
      connectionName: SSO_CONNECTION_NAME,
      buttons: [{ type: 'signin', title, text: title, value: link }],
    });
  }

  /** A loginRequest of the base class gets the agent's own link to the page on its button. */
  private withPageLink(answer: Answer, oid: string, locale: Locale): Answer {
    const body = answer.body;
    if (!body || body.type !== LOGIN_REQUEST_TYPE || typeof body.value !== 'object' || body.value === null) return answer;
    const link = this.signIn.interactive.linkFor({ tenantId: this.signIn.tenantId, oid, locale });
    if (!link) return answer;
    const request = body.value as Record<string, unknown>;
    const buttons = Array.isArray(request.buttons) ? request.buttons : [];
    return loginRequestResponse({
      ...request,
      buttons: buttons.map((button: unknown) =>
        typeof button === 'object' && button !== null && (button as Record<string, unknown>).type === 'signin' ? { ...button, value: link } : button,
      ),
    });
  }
}
