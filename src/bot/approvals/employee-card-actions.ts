import type { TurnContext } from 'botbuilder';
import type { ApprovalService } from '../../domain/approvals/approval-service';
import { AppError } from '../../domain/errors';
import type { Logger } from '../../ports/logger';
import { isPersonalConversation, storedReferenceOf, type StoredConversationReference } from '../../adapters/teams/conversation-reference';
import type { ProactiveMessenger } from '../../adapters/teams/proactive';
import { employeeTexts, requestStatusCard } from '../../cards/approvals/employee-cards';
import { pickLocale, t } from '../../i18n';
import type { BackgroundTasks } from '../background-tasks';
import { cardResponse, messageResponse } from '../invoke-responses';
import type { FeatureCardActions } from '../passcode-desk-bot';
import { actorOf } from '../reset-request';
import { errorFields, userFacingError } from '../user-facing-error';
import type { ApprovalCardPublisher } from './approval-card-publisher';
import type { CardAnswer } from './click-session';
import { parseRequestClick } from './request-card-payload';

export interface EmployeeCardActionsDeps {
  approvals: ApprovalService;
  cards: ApprovalCardPublisher;
  proactive: ProactiveMessenger;
  background: BackgroundTasks;
  tenantId: string;
  logger: Logger;
  now: () => Date;
}

/**
 * The employee's buttons: "Request a reset" on one of their devices (with the justification typed
 * on the card) and "Cancel request". No delegated token is involved: the employee's identity is
 * the activity's aadObjectId, and the domain reads their devices app-only.
 */
export class EmployeeCardActions implements FeatureCardActions {
  readonly verbs = ['fileRequest', 'cancelMyRequest'] as const;

  constructor(private readonly deps: EmployeeCardActionsDeps) {}

  async handle(context: TurnContext): Promise<CardAnswer> {
    const activity = context.activity;
    const locale = pickLocale(activity.locale);
    const parsed = parseRequestClick(activity.value);
    const log = this.deps.logger.child({ correlationId: activity.id });
    if (!parsed || !(this.verbs as readonly string[]).includes(parsed.action.verb)) {
      log.warn('bot.requestCard.malformed');
      return messageResponse(userFacingError(new AppError('input.invalid', 'Malformed card action'), locale));
    }
    const actor = actorOf(context, this.deps.tenantId);
    if (!actor) return messageResponse(t(locale, 'bot.unknownUser'));
    // The card lists the employee's devices: it only ever lives in their 1:1.
    if (!isPersonalConversation(activity.conversation)) return messageResponse(employeeTexts.personalOnly(locale));

    const { action } = parsed;
    const clickLog = log.child({ verb: action.verb, requesterOid: actor.oid });
    try {
      if (action.verb === 'fileRequest') {
        const conversation = storedReferenceOf(activity);
        delete conversation.activityId;
        const request = await this.deps.approvals.file({
          requester: actor,
          locale,
          deviceId: action.deviceId,
          justification: action.justification,
          requesterConversation: conversation,
        });
        clickLog.info('bot.request.filed', { requestId: request.id });
        this.deps.background.run('approval.publish', { correlationId: activity.id, requestId: request.id }, async () => {
          const copies = await this.deps.cards.publish(request);
          if (copies === 0) await this.say(conversation, employeeTexts.noApproverReachable(locale));
        });
        return cardResponse(requestStatusCard(request, locale, this.deps.now()));
      }
      if (action.verb === 'cancelMyRequest') {
        const cancelled = await this.deps.approvals.cancel(actor.oid, action.requestId);
        clickLog.info('bot.request.cancelled', { requestId: cancelled.id });
        this.deps.background.run('approval.cancelled', { correlationId: activity.id, requestId: cancelled.id }, () =>
          this.deps.cards.refresh(cancelled),
        );
        return cardResponse(requestStatusCard(cancelled, locale, this.deps.now()));
      }
      return messageResponse(userFacingError(new AppError('input.invalid', 'Not an employee button'), locale));
    } catch (error) {
      clickLog.warn('bot.requestCard.refused', errorFields(error));
      return messageResponse(userFacingError(error, locale));
    }
  }

  private async say(conversation: StoredConversationReference, text: string): Promise<void> {
    await this.deps.proactive.continueIn(conversation, async (context) => {
      await context.sendActivity(text);
    });
  }
}
