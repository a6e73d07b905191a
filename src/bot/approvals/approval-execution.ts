import { MessageFactory, type TurnContext } from 'botbuilder';
import type { ApprovalRequest } from '../../domain/approvals/approval-request';
import type { ApprovalService } from '../../domain/approvals/approval-service';
import type { Logger } from '../../ports/logger';
import { parseStoredReference, storedReferenceOf, type StoredConversationReference } from '../../adapters/teams/conversation-reference';
import type { PrivateDelivery, PrivateTarget } from '../../adapters/teams/private-delivery';
import { audienceOf, type ProactiveMessenger } from '../../adapters/teams/proactive';
import { helpdeskTexts, verifyIdentityCard } from '../../cards/approvals/helpdesk-cards';
import { pickLocale, type Locale } from '../../i18n';
import type { BackgroundTasks } from '../background-tasks';
import { errorFields } from '../user-facing-error';
import type { ApprovalCardPublisher } from './approval-card-publisher';
import type { EmployeeNotices } from './employee-notices';

export interface ApprovalExecutionDeps {
  approvals: ApprovalService;
  cards: ApprovalCardPublisher;
  notices: EmployeeNotices;
  privateDelivery: PrivateDelivery;
  proactive: ProactiveMessenger;
  background: BackgroundTasks;
  tenantId: string;
  logger: Logger;
}

/** Where to reach the approving agent privately, and how they speak. */
export interface ApproverTarget {
  target: PrivateTarget;
  locale: Locale;
}

/**
 * Runs an approved request's reset after the Approve click was answered, under the approving
 * agent's identity (the domain does that), then: every copy of the card shows the outcome, the
 * approving agent gets the identity question in their 1:1 (the passcode comes after it), and the
 * employee is told. Nothing here ever holds the passcode.
 */
export class ApprovalExecution {
  constructor(private readonly deps: ApprovalExecutionDeps) {}

  /** The approving agent as seen in the click: where they clicked, their account, their language. */
  approverOf(context: TurnContext): ApproverTarget {
    const origin = storedReferenceOf(context.activity);
    delete origin.activityId;
    return {
      target: { origin, agentAccountId: context.activity.from.id, tenantId: this.deps.tenantId, audience: audienceOf(context) },
      locale: pickLocale(context.activity.locale),
    };
  }

  /** Start the reset of a request claimed by approve(), in the background of the click's turn. */
  startInBackground(context: TurnContext, claimed: ApprovalRequest): void {
    const approver = this.approverOf(context);
    const answered = context.activity.replyToId;
    const fields = { correlationId: context.activity.id, requestId: claimed.id };
    const log = this.deps.logger.child(fields);
    this.deps.background.run('approval.execute', fields, async () => {
      // The other copies learn at once who approved; the clicked one was answered with it.
      await this.deps.cards.refresh(claimed, answered);
      await this.execute(claimed, approver, log);
    });
  }

  /**
   * A self-service reset that is done and awaits the identity check: ask the approving agent in
   * their 1:1 (also used by recovery after a restart). False when they cannot be reached.
   */
  async askToVerify(request: ApprovalRequest, approver: ApproverTarget, log: Logger): Promise<boolean> {
    const card = MessageFactory.attachment(verifyIdentityCard(request, approver.locale));
    const sent = await this.deps.privateDelivery.send(approver.target, card);
    if (sent.delivered) {
      log.info('approvals.verify.asked');
      return true;
    }
    log.warn('approvals.verify.approverUnreachable');
    // Only words about how to make the 1:1 reachable; the passcode was never read.
    await this.sayIn(approver.target.origin, helpdeskTexts.approverUnreachable(approver.locale), log);
    return false;
  }

  /** Where the approver of a stored request can be reached (recovery: their click's conversation). */
  approverOfRequest(request: ApprovalRequest): ApproverTarget | undefined {
    const origin = parseStoredReference(request.agentConversation);
    const accountId = origin?.user?.id;
    if (!origin || !accountId) return undefined;
    return {
      target: { origin, agentAccountId: accountId, tenantId: this.deps.tenantId },
      locale: pickLocale(request.agentLocale ?? origin.locale),
    };
  }

  /** After the reset ended (here or in recovery): cards, the approver's next step, the employee. */
  async settle(ended: ApprovalRequest, approver: ApproverTarget | undefined, log: Logger): Promise<void> {
    log.info('approvals.reset.ended', { state: ended.state, failure: ended.failure?.code });
    await this.deps.cards.refresh(ended);
    if (ended.state === 'awaitingVerification' && approver) await this.askToVerify(ended, approver, log);
    // A removal ends `done` at once (verified at the approval): the employee must set a passcode now.
    const removed = ended.state === 'done' && ended.endedByRemoval === true;
    if (ended.state === 'awaitingVerification' || ended.state === 'failed' || removed) await this.deps.notices.tell(ended);
  }

  private async execute(claimed: ApprovalRequest, approver: ApproverTarget, log: Logger): Promise<void> {
    let ended: ApprovalRequest;
    try {
      ended = await this.deps.approvals.execute(claimed);
    } catch (error) {
      log.error('approvals.reset.executeFailed', errorFields(error));
      // Whatever the domain recorded is what the helpdesk sees.
      const current = await this.deps.approvals.get(claimed.id).catch(() => undefined);
      if (current) await this.settle(current, approver, log);
      return;
    }
    // Recovery may have finished it first (another instance after a restart): it told everyone.
    if (ended.state === 'resetting') return;
    await this.settle(ended, approver, log);
  }

  private async sayIn(conversation: StoredConversationReference, text: string, log: Logger): Promise<void> {
    try {
      await this.deps.proactive.continueIn(conversation, async (context) => {
        await context.sendActivity(text);
      });
    } catch (error) {
      log.warn('approvals.notice.failed', { errorName: error instanceof Error ? error.name : typeof error });
    }
  }
}
