import type { ApprovalRequest } from '../../domain/approvals/approval-request';
import type { Logger } from '../../ports/logger';
import { parseStoredReference } from '../../adapters/teams/conversation-reference';
import type { ProactiveMessenger } from '../../adapters/teams/proactive';
import { employeeNoticeText } from '../../cards/approvals/employee-cards';
import { pickLocale } from '../../i18n';

/**
 * Tells the employee each decision on their request in the 1:1 where they asked: approved (the
 * helpdesk will contact them), denied with the reason, expired, failed. Never the passcode: the
 * request holds none. Best effort: a failure is logged and the decision stands.
 */
export class EmployeeNotices {
  constructor(
    private readonly proactive: ProactiveMessenger,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  async tell(request: ApprovalRequest): Promise<boolean> {
    const log = this.logger.child({ requestId: request.id, state: request.state });
    const reference = parseStoredReference(request.requesterConversation);
    if (!reference) {
      log.warn('approvals.employee.noConversation');
      return false;
    }
    const text = employeeNoticeText(request, pickLocale(request.locale), this.now());
    try {
      await this.proactive.continueIn(reference, async (context) => {
        await context.sendActivity(text);
      });
      log.info('approvals.employee.told');
      return true;
    } catch (error) {
      log.warn('approvals.employee.unreachable', { errorName: error instanceof Error ? error.name : typeof error });
      return false;
    }
  }
}
