import { MessageFactory, type TurnContext } from 'botbuilder';
import type { ApprovalService } from '../domain/approvals/approval-service';
import type { Logger } from '../ports/logger';
import { employeeTexts, myRequestsCard } from '../cards/approvals/employee-cards';
import { pickLocale } from '../i18n';
import type { ApprovalCardPublisher } from '../bot/approvals/approval-card-publisher';
import type { BackgroundTasks } from '../bot/background-tasks';
import { errorFields, userFacingError } from '../bot/user-facing-error';
import { employeeInPersonalChat } from './employee-in-personal-chat';
import { OneTurnDialog } from './one-turn-dialog';

export const MY_REQUESTS_DIALOG = 'MyRequestsDialog';

/** How many of the employee's requests "my requests" lists. */
export const MY_REQUESTS_SHOWN = 10;

export interface MyRequestsDialogDeps {
  approvals: ApprovalService;
  cards: ApprovalCardPublisher;
  background: BackgroundTasks;
  tenantId: string;
  logger: Logger;
  now: () => Date;
}

/** "my requests" lists the employee's requests; "cancel" withdraws their open one. 1:1 only. */
export class MyRequestsDialog extends OneTurnDialog<'myRequests' | 'cancelRequest'> {
  constructor(private readonly deps: MyRequestsDialogDeps) {
    super(MY_REQUESTS_DIALOG, ['myRequests', 'cancelRequest']);
  }

  protected async answer(context: TurnContext, command: { kind: 'myRequests' | 'cancelRequest' }): Promise<void> {
    const locale = pickLocale(context.activity.locale);
    const requester = await employeeInPersonalChat(context, this.deps.tenantId, locale);
    if (!requester) return;
    const log = this.deps.logger.child({ correlationId: context.activity.id, requesterOid: requester.oid, command: command.kind });
    try {
      if (command.kind === 'myRequests') {
        const requests = await this.deps.approvals.listMine(requester.oid, MY_REQUESTS_SHOWN);
        await context.sendActivity(MessageFactory.attachment(myRequestsCard(requests, locale, this.deps.now())));
        return;
      }
      const cancelled = await this.deps.approvals.cancel(requester.oid);
      log.info('dialog.myRequests.cancelled', { requestId: cancelled.id });
      this.deps.background.run('approval.cancelled', { correlationId: context.activity.id, requestId: cancelled.id }, () =>
        this.deps.cards.refresh(cancelled),
      );
      await context.sendActivity(employeeTexts.cancelled(cancelled, locale));
    } catch (error) {
      log.warn('dialog.myRequests.failed', errorFields(error));
      await context.sendActivity(userFacingError(error, locale));
    }
  }
}
