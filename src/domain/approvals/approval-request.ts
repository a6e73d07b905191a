import type { PerformedOutcome } from '../eligibility/types';
import type { FlowFailure } from '../reset/reset-flow';

/**
 * An employee's request for a reset of their own device, decided by a helpdesk agent.
 *
 * open -> approved -> resetting -> awaitingVerification -> done
 *      \-> denied | cancelled (by the employee) | expired     resetting -> failed
 * Stored without any secret; the passcode is read again from Intune when it is revealed.
 */
export type RequestState =
  | 'open'
  | 'resetting'
  | 'awaitingVerification'
  | 'done'
  | 'failed'
  | 'denied'
  | 'cancelled'
  | 'expired';

export const OPEN_STATES: readonly RequestState[] = ['open'];
export const FINAL_STATES: readonly RequestState[] = ['done', 'failed', 'denied', 'cancelled', 'expired'];

export type VerificationMethod = 'callBack' | 'manager' | 'inPerson' | 'other';

export interface RequestParty {
  oid: string;
  name: string;
}

export interface RequestDevice {
  id: string;
  name: string;
  model?: string;
  osVersion?: string;
  platform: string;
  /** What the table said Intune does when the request was filed (absent: a new passcode). */
  outcome?: PerformedOutcome;
}

/** What Intune does to a request's device. */
export function requestOutcome(request: Pick<ApprovalRequest, 'device'>): PerformedOutcome {
  return request.device.outcome ?? 'newPasscode';
}

export interface ApprovalRequest {
  id: string;
  revision: number;
  state: RequestState;
  tenantId: string;
  requester: RequestParty & { upn?: string };
  device: RequestDevice;
  justification: string;
  locale: string;
  createdAt: string;
  /** createdAt + APPROVAL_TTL_HOURS. */
  expiresAt: string;
  /** The approving or denying agent. */
  decidedBy?: RequestParty;
  decidedAt?: string;
  denyReason?: string;
  resetRequestedAt?: string;
  actionStartedAt?: string;
  visibleUntil?: string;
  /** For a removal, recorded at the approval, before Intune is called; otherwise before the reveal. */
  verification?: { method: VerificationMethod; note?: string; by: RequestParty; at: string };
  /** Set when the reset removed the passcode: the request ends `done` with nothing to reveal (not named `passcode…`: storage refuses such names). */
  endedByRemoval?: boolean;
  failure?: FlowFailure;
  /** Where the employee asked (their 1:1), serialized by the bot layer; opaque here. */
  requesterConversation?: unknown;
  /** Where the approval card sits (conversation reference + activity id), opaque here. */
  approvalCards?: unknown[];
  /**
   * Where the approving agent clicked (or their 1:1), serialized by the bot layer; opaque here.
   * Recovery after a restart reaches the agent there.
   */
  agentConversation?: unknown;
  /** The approving agent's language, for messages recovery sends them. */
  agentLocale?: string;
  updatedAt: string;
}
