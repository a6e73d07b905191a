import type { InvokeResponse, TurnContext } from 'botbuilder';
import { AppError, isAppError } from '../domain/errors';
import type { FlowActionInput, ResetFlow, ResetFlowService } from '../domain/reset/reset-flow';
import type { DelegatedTokenProvider } from '../ports/identity';
import type { Logger } from '../ports/logger';
import { flowCard, hiddenPasscodeCard } from '../cards/views';
import { hasKey, pickLocale, t, type Locale } from '../i18n';
import { parseCardInvoke, type CardAction } from './card-action-payload';
import {
  cardResponse,
  loginRequestResponse,
  messageResponse,
  type CardActionResponse,
} from './invoke-responses';
import { actorOf } from './reset-request';
import type { ResetExecution } from './reset-execution';
import { clickedCardOf } from './recovery/recovered-flow-card';
import { replaceClickedCard } from './replace-clicked-card';
import type { SessionGate } from './sign-in/agent-sign-in';
import { loginRequestValue } from './sign-in/oauth-card';
import { errorFields, unexpectedErrorText, userFacingError } from './user-facing-error';

export interface CardActionsDeps {
  resetFlows: ResetFlowService;
  tokens: DelegatedTokenProvider;
  session: SessionGate;
  execution: ResetExecution;
  tenantId: string;
  clientId: string;
  signInUrl?: string;
  logger: Logger;
}

type Answer = InvokeResponse<CardActionResponse>;

/** "Only {agent} can use this card"; the generic flow.notYours text stands in until it exists. */
const NOT_YOURS_KEY = 'bot.flowNotYours';

/** Verbs whose domain call needs the agent's delegated Graph token. */
const NEEDS_SESSION: ReadonlySet<CardAction['verb']> = new Set(['chooseUser', 'chooseDevice', 'confirm']);

/**
 * `adaptiveCard/action`: the card buttons. A click carries a flow id and revision only; the
 * domain re-checks state, revision and actor. The answer is the card that replaces the clicked
 * one, or a short text for the clicking user when nothing changes.
 */
export class CardActions {
  constructor(private readonly deps: CardActionsDeps) {}

  async handle(context: TurnContext): Promise<Answer> {
    const locale = pickLocale(context.activity.locale);
    const parsed = parseCardInvoke(context.activity.value);
    const log = this.deps.logger.child({ correlationId: context.activity.id });
    if (!parsed) {
      log.warn('bot.card.malformed');
      return messageResponse(userFacingError(new AppError('input.invalid', 'Malformed card action'), locale));
    }
    const actor = actorOf(context, this.deps.tenantId);
    if (!actor) return messageResponse(t(locale, 'bot.unknownUser'));

    const { action } = parsed;
    const flowLog = log.child({ flowId: action.flowId, verb: action.verb, agentOid: actor.oid });
    flowLog.info('bot.card.action');

    if (parsed.authentication) {
      try {
        await this.deps.tokens.signIn(parsed.authentication.token, actor.oid);
      } catch (error) {
        flowLog.warn('bot.card.signInFailed', errorFields(error));
        // In words, whatever the failure: a 412 shows the agent only a bare error on the card.
        return messageResponse(userFacingError(error, locale));
      }
    }
    if (NEEDS_SESSION.has(action.verb)) {
      // Someone else's card: say so before asking them to sign in for nothing. (The domain
      // checks again; this only spares a pointless sign-in prompt.)
      const flow = await this.currentFlow(action.flowId);
      if (flow && flow.agent.oid !== actor.oid) return this.notYours(flow, locale);
      try {
        if (!(await this.deps.session.trySilentSession(actor.oid))) return this.loginRequest(locale);
      } catch (error) {
        flowLog.warn('bot.card.silentSignInFailed', errorFields(error));
        return messageResponse(userFacingError(error, locale));
      }
    }

    const input: FlowActionInput = { flowId: action.flowId, revision: action.revision, actorOid: actor.oid };
    try {
      return await this.route(context, action, input);
    } catch (error) {
      flowLog.warn('bot.card.actionRefused', errorFields(error));
      return this.answerFailure(context, error, input, locale);
    }
  }

  private async route(context: TurnContext, action: CardAction, input: FlowActionInput): Promise<Answer> {
    const { resetFlows } = this.deps;
    switch (action.verb) {
      case 'chooseUser':
        return showFlow(await resetFlows.chooseUser(input, action.userId));
      case 'chooseDevice':
        return showFlow(await resetFlows.chooseDevice(input, action.deviceId));
      case 'cancel':
        return showFlow(await resetFlows.cancel(input));
      case 'confirm': {
        // The reason or ticket number typed on the card; the domain decides whether one is required.
        // The card's message id stays with the flow: recovery after a restart updates that card.
        const claim = { ...input, ...clickedCardOf(context.activity) };
        const claimed = action.reason ? await resetFlows.confirm(claim, action.reason) : await resetFlows.confirm(claim);
        this.deps.execution.startInBackground(context, claimed);
        return cardResponse(this.deps.execution.initialCard(claimed));
      }
      case 'hidePasscode': {
        const flow = await resetFlows.get(input.flowId);
        if (!flow) throw new AppError('flow.notFound', 'No such flow');
        if (flow.agent.oid !== input.actorOid) throw new AppError('flow.notYours', 'Not the agent of this flow');
        const hidden = hiddenPasscodeCard(flow, pickLocale(flow.locale));
        await replaceClickedCard(context, hidden, this.deps.logger.child({ flowId: flow.id }));
        return cardResponse(hidden);
      }
    }
  }

  private async answerFailure(context: TurnContext, error: unknown, input: FlowActionInput, locale: Locale): Promise<Answer> {
    if (!isAppError(error)) return messageResponse(unexpectedErrorText(locale));
    switch (error.code) {
      case 'flow.stale':
      case 'flow.finished': {
        // Show what the flow looks like now in place of the outdated card, and say why nothing happened.
        const current = await this.currentFlow(input.flowId);
        if (!current) return messageResponse(userFacingError(error, locale));
        await context.sendActivity(userFacingError(error, locale));
        return showFlow(current);
      }
      case 'flow.notYours': {
        const current = await this.currentFlow(input.flowId);
        return current ? this.notYours(current, locale) : messageResponse(userFacingError(error, locale));
      }
      case 'auth.signInRequired':
        return this.loginRequest(locale);
      default:
        // flow.notFound, access.*, graph.*...: only the clicking user sees the
        // text; the card stays as it was.
        return messageResponse(userFacingError(error, locale));
    }
  }

  /** Only the clicking user sees this; the card stays as the agent left it. */
  private notYours(flow: ResetFlow, locale: Locale): Answer {
    return messageResponse(
      hasKey(locale, NOT_YOURS_KEY)
        ? t(locale, NOT_YOURS_KEY, { agent: flow.agent.name })
        : userFacingError(new AppError('flow.notYours', 'Not the agent of this flow'), locale),
    );
  }

  private async currentFlow(flowId: string): Promise<ResetFlow | undefined> {
    try {
      return await this.deps.resetFlows.get(flowId);
    } catch {
      return undefined;
    }
  }

  private loginRequest(locale: Locale): Answer {
    const { clientId, signInUrl } = this.deps;
    return loginRequestResponse(loginRequestValue({ clientId, locale, signInUrl }));
  }
}

function showFlow(flow: ResetFlow): Answer {
  return cardResponse(flowCard(flow, pickLocale(flow.locale)));
}
