import type { TurnContext } from 'botbuilder';
import type { ApprovalRequest } from '../../domain/approvals/approval-request';
import type { ApprovalService, RequestActionInput } from '../../domain/approvals/approval-service';
import { AppError, isAppError } from '../../domain/errors';
import type { Logger } from '../../ports/logger';
import { isPersonalConversation } from '../../adapters/teams/conversation-reference';
import {
  approvalCard,
  helpdeskTexts,
  hiddenRevealedPasscodeCard,
  revealedPasscodeCard,
} from '../../cards/approvals/helpdesk-cards';
import { isVerificationMethod, requesterText } from '../../cards/approvals/request-text';
import { pickLocale, t, type Locale } from '../../i18n';
import type { BackgroundTasks } from '../background-tasks';
import { cardResponse, messageResponse } from '../invoke-responses';
import type { FeatureCardActions } from '../passcode-desk-bot';
import { replaceClickedCard } from '../replace-clicked-card';
import { actorOf } from '../reset-request';
import { errorFields, unexpectedErrorText, userFacingError } from '../user-facing-error';
import type { ApprovalCardPublisher } from './approval-card-publisher';
import type { ApprovalExecution } from './approval-execution';
import type { CardAnswer, ClickSession } from './click-session';
import type { EmployeeNotices } from './employee-notices';
import { parseRequestClick, type RequestCardAction } from './request-card-payload';

export interface HelpdeskCardActionsDeps {
  approvals: ApprovalService;
  cards: ApprovalCardPublisher;
  execution: ApprovalExecution;
  notices: EmployeeNotices;
  session: ClickSession;
  background: BackgroundTasks;
  tenantId: string;
  logger: Logger;
  now: () => Date;
}

type DecisionAction = Extract<RequestCardAction, { requestId: string }>;

/**
 * The helpdesk's buttons on request cards: Approve, Deny (with the reason typed on the card), the
 * identity question before the passcode, and Hide. Each needs the clicking agent's own delegated
 * session; the domain checks helpdesk membership, separation of duties, expiry and revision.
 */
export class HelpdeskCardActions implements FeatureCardActions {
  readonly verbs = ['approveRequest', 'denyRequest', 'verifyIdentity', 'hideShownPasscode'] as const;

  constructor(private readonly deps: HelpdeskCardActionsDeps) {}

  async handle(context: TurnContext): Promise<CardAnswer> {
    const locale = pickLocale(context.activity.locale);
    const parsed = parseRequestClick(context.activity.value);
    const log = this.deps.logger.child({ correlationId: context.activity.id });
    if (!parsed || !(this.verbs as readonly string[]).includes(parsed.action.verb)) {
      log.warn('bot.requestCard.malformed');
      return messageResponse(userFacingError(new AppError('input.invalid', 'Malformed card action'), locale));
    }
    const { action } = parsed;
    // Hide needs nobody's authority: it only replaces the clicked card with one without a secret.
    if (action.verb === 'hideShownPasscode') {
      const hidden = hiddenRevealedPasscodeCard(action.deviceId, locale);
      await replaceClickedCard(context, hidden, log);
      return cardResponse(hidden);
    }
    if (action.verb === 'fileRequest') return messageResponse(unexpectedErrorText(locale));

    const actor = actorOf(context, this.deps.tenantId);
    if (!actor) return messageResponse(t(locale, 'bot.unknownUser'));
    const clickLog = log.child({ requestId: action.requestId, verb: action.verb, agentOid: actor.oid });
    clickLog.info('bot.requestCard.action');

    if (action.verb === 'verifyIdentity') {
      // The answer is the passcode: it may only appear in the agent's 1:1.
      if (!isPersonalConversation(context.activity.conversation)) return messageResponse(helpdeskTexts.privateOnly(locale));
      if (!isVerificationMethod(action.method)) return messageResponse(helpdeskTexts.verificationMethodRequired(locale));
    }
    const gate = await this.deps.session.ensure(actor.oid, parsed.authentication, locale, clickLog);
    if (gate) return gate;

    const approver = this.deps.execution.approverOf(context);
    const input: RequestActionInput = {
      requestId: action.requestId,
      revision: action.revision,
      actor,
      conversation: approver.target.origin,
      locale,
    };
    try {
      return await this.route(context, action, input, locale);
    } catch (error) {
      clickLog.warn('bot.requestCard.refused', errorFields(error));
      return this.answerFailure(context, error, action, locale);
    }
  }

  private async route(context: TurnContext, action: DecisionAction, input: RequestActionInput, locale: Locale): Promise<CardAnswer> {
    const { approvals, background } = this.deps;
    const answered = context.activity.replyToId;
    const cardLocale = await this.cardLocale(input.requestId, answered, locale);
    switch (action.verb) {
      case 'approveRequest': {
        const verification = action.method ? { method: action.method, ...(action.note ? { note: action.note } : {}) } : undefined;
        const claimed = await approvals.approve(input, verification);
        this.deps.execution.startInBackground(context, claimed);
        return cardResponse(approvalCard(claimed, cardLocale, this.deps.now()));
      }
      case 'denyRequest': {
        const denied = await approvals.deny(input, action.reason);
        background.run('approval.denied', { correlationId: context.activity.id, requestId: denied.id }, async () => {
          await this.deps.cards.refresh(denied, answered);
          await this.deps.notices.tell(denied);
        });
        return cardResponse(approvalCard(denied, cardLocale, this.deps.now()));
      }
      case 'verifyIdentity': {
        if (!isVerificationMethod(action.method)) throw new AppError('input.invalid', 'Unknown verification method');
        const { request, issued } = await approvals.verifyAndReveal(input, action.method, action.note || undefined);
        background.run('approval.verified', { correlationId: context.activity.id, requestId: request.id }, () =>
          this.deps.cards.refresh(request),
        );
        // In place of the question, in the agent's 1:1: the passcode, in the card body only.
        return cardResponse(revealedPasscodeCard(issued, requesterText(request, locale), locale));
      }
      case 'cancelMyRequest':
        throw new AppError('input.invalid', 'Not a helpdesk button');
    }
  }

  private async answerFailure(context: TurnContext, error: unknown, action: DecisionAction, locale: Locale): Promise<CardAnswer> {
    if (!isAppError(error)) return messageResponse(unexpectedErrorText(locale));
    if (error.code === 'auth.signInRequired') return this.deps.session.loginRequest(locale);
    const outdated = error.code === 'request.stale' || error.code === 'request.finished' || error.code === 'request.expired';
    if (outdated && action.verb !== 'verifyIdentity') {
      // Someone else decided first (or time ran out): the card shows who, when and how it ended.
      const current = await this.current(action.requestId);
      if (current) {
        const cardLocale = await this.cardLocale(current.id, context.activity.replyToId, locale);
        return cardResponse(approvalCard(current, cardLocale, this.deps.now()));
      }
    }
    return messageResponse(userFacingError(error, locale));
  }

  private async current(requestId: string): Promise<ApprovalRequest | undefined> {
    try {
      return await this.deps.approvals.get(requestId);
    } catch {
      return undefined;
    }
  }

  /** A shared card keeps the language it was posted in, whoever clicks it. */
  private async cardLocale(requestId: string, activityId: string | undefined, fallback: Locale): Promise<Locale> {
    return (await this.deps.cards.localeOf(requestId, activityId)) ?? fallback;
  }
}
