import { MessageFactory, type Activity } from 'botbuilder';
import type { ResetFlow } from '../../domain/reset/reset-flow';
import type { Logger } from '../../ports/logger';
import { parseStoredReference } from '../../adapters/teams/conversation-reference';
import type { ProactiveMessenger } from '../../adapters/teams/proactive';
import { flowCard } from '../../cards/views';
import { formatDateTime, pickLocale, t } from '../../i18n';
import { CardUpdater } from '../card-updater';
import { errorFields } from '../user-facing-error';

/** Longest message id we keep from a click (Teams' ids are far shorter). */
const MAX_ACTIVITY_ID_LENGTH = 200;

/**
 * The message holding a clicked card (`replyToId`), for FlowActionInput.cardActivityId: what
 * recovery needs to find the card again after a restart. Undefined when the client did not say.
 */
export function clickedCardOf(activity: Partial<Activity>): { cardActivityId?: string } {
  const id = activity.replyToId;
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ACTIVITY_ID_LENGTH ? { cardActivityId: id } : {};
}

/**
 * Brings the card of an agent flow that recovery finished up to date, in the conversation where
 * the agent started it — as the run itself would have at its end. The card shows the outcome
 * only (the flow holds no passcode); the passcode goes to the agent privately, apart from this.
 */
export class RecoveredFlowCard {
  constructor(private readonly proactive: ProactiveMessenger) {}

  /**
   * Show the flow's final state on its card. `passcodeDelivered: false` (a done reset whose
   * passcode could not reach the agent) shows what to do instead. Best effort: never throws.
   */
  async finish(flow: ResetFlow | undefined, passcodeDelivered: boolean, log: Logger): Promise<void> {
    if (!flow || (flow.state !== 'done' && flow.state !== 'failed')) return;
    const conversation = parseStoredReference(flow.origin);
    if (!conversation) {
      log.warn('recovery.card.noConversation');
      return;
    }
    // The card is addressed by its own id; the reference's id is the agent's command.
    delete conversation.activityId;
    const locale = pickLocale(flow.locale);
    const activity: Partial<Activity> =
      flow.state === 'done' && !passcodeDelivered
        ? { type: 'message', text: t(locale, 'bot.privateDeliveryFailed', { date: formatDateTime(flow.visibleUntil ?? '', locale) }), attachments: [] }
        : MessageFactory.attachment(flowCard(flow, locale));
    try {
      await new CardUpdater(this.proactive, conversation, flow.cardActivityId, log).final(activity);
      log.info('recovery.card.updated', { state: flow.state });
    } catch (error) {
      log.warn('recovery.card.updateFailed', errorFields(error));
    }
  }
}
