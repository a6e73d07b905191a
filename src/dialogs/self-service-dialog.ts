import { MessageFactory, type TurnContext } from 'botbuilder';
import type { ApprovalService } from '../domain/approvals/approval-service';
import type { Logger } from '../ports/logger';
import { newRequestCard } from '../cards/approvals/employee-cards';
import { pickLocale } from '../i18n';
import { errorFields, userFacingError } from '../bot/user-facing-error';
import { employeeInPersonalChat } from './employee-in-personal-chat';
import { OneTurnDialog } from './one-turn-dialog';

export const SELF_SERVICE_DIALOG = 'SelfServiceDialog';

export interface SelfServiceDialogDeps {
  approvals: ApprovalService;
  tenantId: string;
  logger: Logger;
}

/**
 * "I forgot my PIN": the employee's own devices with eligibility (the same rows and reasons as
 * the agent flow), a box for a short justification and "Request a reset" on each eligible device.
 * Only in the 1:1 chat: the device list is nobody else's business.
 */
export class SelfServiceDialog extends OneTurnDialog<'forgotMyPin'> {
  constructor(private readonly deps: SelfServiceDialogDeps) {
    super(SELF_SERVICE_DIALOG, ['forgotMyPin']);
  }

  protected async answer(context: TurnContext): Promise<void> {
    const locale = pickLocale(context.activity.locale);
    const requester = await employeeInPersonalChat(context, this.deps.tenantId, locale);
    if (!requester) return;
    const log = this.deps.logger.child({ correlationId: context.activity.id, requesterOid: requester.oid });
    try {
      const devices = await this.deps.approvals.ownDevices(requester);
      log.info('dialog.selfService.devicesShown', { devices: devices.length, eligible: devices.filter((d) => d.verdict.eligible).length });
      await context.sendActivity(MessageFactory.attachment(newRequestCard(devices, locale)));
    } catch (error) {
      log.warn('dialog.selfService.failed', errorFields(error));
      await context.sendActivity(userFacingError(error, locale));
    }
  }
}
