import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { ExecuteResult, ResetFlow, ResetFlowService } from '../domain/reset/reset-flow';
import type { Logger } from '../ports/logger';
import type { IssuedPasscode } from '../domain/model';
import { flowCard, passcodeCard, progressCard } from '../cards/views';
import { formatDateTime, pickLocale, t, type Locale } from '../i18n';
import { storedReferenceOf } from '../adapters/teams/conversation-reference';
import type { PrivateDelivery, PrivateTarget } from '../adapters/teams/private-delivery';
import { audienceOf, type ProactiveMessenger } from '../adapters/teams/proactive';
import type { BackgroundTasks } from './background-tasks';
import { CardUpdater } from './card-updater';
import { errorFields, userFacingError } from './user-facing-error';

export interface ResetExecutionDeps {
  resetFlows: ResetFlowService;
  privateDelivery: PrivateDelivery;
  proactive: ProactiveMessenger;
  background: BackgroundTasks;
  tenantId: string;
  logger: Logger;
}

/**
 * Runs a confirmed reset after the Yes click was answered: progress on the flow card, then the
 * passcode to the agent privately. The shared conversation only ever learns that it was sent.
 */
export class ResetExecution {
  constructor(private readonly deps: ResetExecutionDeps) {}

  /** The first progress shown in place of the clicked card, before anything happened. */
  initialCard(flow: ResetFlow): ReturnType<typeof progressCard> {
    return progressCard(flow, { phase: 'sending', elapsedSeconds: 0 }, pickLocale(flow.locale));
  }

  /** Start the reset of a flow claimed by confirm(), in the background of the click's turn. */
  startInBackground(context: TurnContext, flow: ResetFlow): void {
    const conversation = storedReferenceOf(context.activity);
    delete conversation.activityId;
    const target: PrivateTarget = {
      origin: conversation,
      agentAccountId: context.activity.from.id,
      tenantId: this.deps.tenantId,
      audience: audienceOf(context),
    };
    const log = this.deps.logger.child({ correlationId: context.activity.id, flowId: flow.id });
    const updater = new CardUpdater(this.deps.proactive, conversation, context.activity.replyToId, log);
    this.deps.background.run('reset.execute', { correlationId: context.activity.id, flowId: flow.id }, () =>
      this.execute(flow, target, updater, log),
    );
  }

  private async execute(flow: ResetFlow, target: PrivateTarget, updater: CardUpdater, log: Logger): Promise<void> {
    const locale = pickLocale(flow.locale);
    let result: ExecuteResult;
    try {
      result = await this.deps.resetFlows.execute(flow, (progress) => {
        updater.progress(MessageFactory.attachment(progressCard(flow, progress, locale)));
      });
    } catch (error) {
      log.error('bot.reset.executeFailed', errorFields(error));
      await updater.final(textActivity(userFacingError(error, locale)));
      return;
    }

    const { flow: ended, issued } = result;
    log.info('bot.reset.ended', { state: ended.state, failure: ended.failure?.code });
    if (ended.state !== 'done' || !issued) {
      await updater.final(MessageFactory.attachment(flowCard(ended, locale)));
      return;
    }

    const sent = await this.deps.privateDelivery.send(target, passcodeActivity(ended, issued, locale));
    if (sent.delivered) {
      log.info('bot.reset.passcodeDelivered');
      await updater.final(MessageFactory.attachment(flowCard(ended, locale)));
    } else {
      // No passcode anywhere: the shared conversation learns how to make the 1:1 reachable.
      log.warn('bot.reset.passcodeUndeliverable');
      await updater.final(
        textActivity(t(locale, 'bot.privateDeliveryFailed', { date: formatDateTime(issued.visibleUntil, locale) })),
      );
    }
  }
}

/**
 * The private message: the passcode lives in the card body only. `summary` is what Teams shows
 * in notifications, so it names the device and nothing secret.
 */
function passcodeActivity(flow: ResetFlow, issued: IssuedPasscode, locale: Locale): Partial<Activity> {
  return {
    type: 'message',
    summary: t(locale, 'bot.passcodeMessage', { device: issued.deviceName }),
    attachments: [passcodeCard(flow, issued, locale)],
  };
}

function textActivity(text: string): Partial<Activity> {
  return { type: 'message', text, attachments: [] };
}
