import type { InvokeResponse, TurnContext } from 'botbuilder';
import { AppError } from '../../domain/errors';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { pinRecoveryPolicyConfirmCard, policyOutcomeText, policyRefusalText, readinessReportCard, setupCheckRefusalText } from '../../cards/readiness-cards';
import { pickLocale, t, type Locale } from '../../i18n';
import { cardResponse, loginRequestResponse, messageResponse, type CardActionResponse } from '../invoke-responses';
import type { FeatureCardActions } from '../passcode-desk-bot';
import { actorOf } from '../reset-request';
import type { SessionGate } from '../sign-in/agent-sign-in';
import { loginRequestValue } from '../sign-in/oauth-card';
import { errorFields, userFacingError } from '../user-facing-error';
import { SETUP_CHECK_VERBS, parseSetupCheckInvoke, type SetupCheckAction } from './setup-check-payload';
import type { SetupCheck } from './setup-check';

type Answer = InvokeResponse<CardActionResponse>;

export interface SetupCheckActionsDeps {
  check: SetupCheck;
  session: SessionGate;
  tokens: DelegatedTokenProvider;
  tenantId: string;
  clientId: string;
  signInUrl?: string;
  logger: Logger;
}

/**
 * The setup check's buttons: run (or run again), review the policy fix, create it. Every click is
 * checked again: the clicker must be in the helpdesk admin group, and the work runs with the
 * clicker's own token (a `loginRequest` first when there is none: it works in channels too).
 */
export class SetupCheckActions implements FeatureCardActions {
  readonly verbs = SETUP_CHECK_VERBS;

  constructor(private readonly deps: SetupCheckActionsDeps) {}

  async handle(context: TurnContext): Promise<Answer> {
    const locale = pickLocale(context.activity.locale);
    const action = parseSetupCheckInvoke(context.activity.value);
    if (!action) return messageResponse(userFacingError(new AppError('input.invalid', 'Malformed setup check action'), locale));
    const actor = actorOf(context, this.deps.tenantId);
    if (!actor) return messageResponse(t(locale, 'bot.unknownUser'));
    const log = this.deps.logger.child({ correlationId: context.activity.id, verb: action.verb, adminOid: actor.oid });
    log.info('readiness.card.action');

    try {
      if (action.authToken) {
        const failed = await this.signIn(action.authToken, actor.oid, locale);
        if (failed) return failed;
      }
      return await this.route(action, actor.oid, locale);
    } catch (error) {
      log.warn('readiness.card.failed', errorFields(error));
      return messageResponse(userFacingError(error, locale));
    }
  }

  private async route(action: SetupCheckAction, oid: string, locale: Locale): Promise<Answer> {
    const { check, session } = this.deps;
    let admission = await check.appOnlyAdmission(oid);
    if (admission === 'notConfigured' || admission === 'notAdmin') return messageResponse(setupCheckRefusalText(admission, locale));
    // Reviewing only shows what would be created: no token needed when the app already said yes.
    if (action.verb === 'reviewPinRecoveryPolicy' && admission === 'admin') return cardResponse(pinRecoveryPolicyConfirmCard(check.tenantId, locale));

    if (!(await session.trySilentSession(oid))) return this.loginRequest(locale);
    admission ??= await check.delegatedAdmission(oid);
    if (admission !== 'admin') return messageResponse(setupCheckRefusalText(admission, locale));

    switch (action.verb) {
      case 'reviewPinRecoveryPolicy':
        return cardResponse(pinRecoveryPolicyConfirmCard(check.tenantId, locale));
      case 'runSetupCheck':
        return cardResponse(readinessReportCard(await check.run(oid), locale));
      case 'createPinRecoveryPolicy': {
        const group = action.groupName ?? '';
        const outcome = await check.fix(oid, group);
        if (outcome.kind === 'refused') return messageResponse(policyRefusalText(outcome, group.trim(), check.consentUrl, locale));
        return cardResponse(readinessReportCard(await check.run(oid), locale, policyOutcomeText(outcome, locale)));
      }
    }
  }

  /** The token Teams attached after our loginRequest; an answer only when it could not be used. */
  private async signIn(token: string, oid: string, locale: Locale): Promise<Answer | undefined> {
    try {
      await this.deps.tokens.signIn(token, oid);
      return undefined;
    } catch (error) {
      this.deps.logger.warn('readiness.card.signInFailed', { adminOid: oid, ...errorFields(error) });
      // In words, whatever the failure: a 412 shows the admin only a bare error on the card.
      return messageResponse(userFacingError(error, locale));
    }
  }

  private loginRequest(locale: Locale): Answer {
    const { clientId, signInUrl } = this.deps;
    return loginRequestResponse(loginRequestValue({ clientId, locale, signInUrl }));
  }
}
