import type { PerformedOutcome } from '../domain/eligibility/types';

/**
 * Tells a device's owner that its passcode was reset ("the passcode of <device> was reset by
 * <agent>; if you did not expect this, contact security"), in their 1:1 with the bot where the
 * bot can reach them. Called after every successful reset, agent-started or self-service.
 * Best effort: callers never let a failure here fail the reset.
 */
export interface OwnerNotifier {
  /** `outcome` words the notice: a new (work-profile) passcode, or the passcode removed. */
  resetNotice(
    owner: { oid: string; name: string },
    deviceName: string,
    agentName: string,
    locale?: string,
    outcome?: PerformedOutcome,
  ): Promise<void>;
}
