import type { ApprovalService } from '../../domain/approvals/approval-service';
import type { Logger } from '../../ports/logger';
import type { ApprovalCardPublisher } from './approval-card-publisher';
import type { EmployeeNotices } from './employee-notices';

/**
 * Expires open requests past APPROVAL_TTL_HOURS (the domain decides, once per request across
 * instances) and shows it: every card copy says "expired", the employee is told.
 */
export class ApprovalExpiry {
  constructor(
    private readonly approvals: ApprovalService,
    private readonly cards: ApprovalCardPublisher,
    private readonly notices: EmployeeNotices,
    private readonly logger: Logger,
  ) {}

  /** One sweep; returns how many requests expired in it. */
  async sweep(): Promise<number> {
    const expired = await this.approvals.expireDue();
    for (const request of expired) {
      await this.cards.refresh(request);
      await this.notices.tell(request);
    }
    if (expired.length > 0) this.logger.info('approvals.expired', { count: expired.length });
    return expired.length;
  }
}
