import type { PerformedOutcome } from '../../src/domain/eligibility/types';
import type { OwnerNotifier } from '../../src/ports/notifier';

export interface ResetNoticeCall {
  owner: { oid: string; name: string };
  deviceName: string;
  agentName: string;
  locale?: string;
  outcome?: PerformedOutcome;
}

/** Records every owner notice; `failWith` makes each call throw (the reset must not care). */
export class FakeNotifier implements OwnerNotifier {
  readonly notices: ResetNoticeCall[] = [];
  failWith: Error | undefined;

  async resetNotice(
    owner: { oid: string; name: string },
    deviceName: string,
    agentName: string,
    locale?: string,
    outcome?: PerformedOutcome,
  ): Promise<void> {
    this.notices.push({
      owner: { ...owner },
      deviceName,
      agentName,
      ...(locale !== undefined ? { locale } : {}),
      ...(outcome !== undefined ? { outcome } : {}),
    });
    if (this.failWith) throw this.failWith;
  }
}
