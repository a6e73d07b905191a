import type { Actor, IssuedPasscode, ManagedDevice } from '../model';
import type { DeviceOption } from '../eligibility/types';
import type { ResetProgress } from '../reset/reset-flow';
import type { ApprovalRequest, VerificationMethod } from './approval-request';

/** How the approving agent verified the employee's identity, as chosen on a card. */
export interface VerificationInput {
  method: string;
  note?: string;
}

/** A click on a request card: which request, at which revision, by whom. */
export interface RequestActionInput {
  requestId: string;
  revision: number;
  actor: Actor;
  /** Where the agent clicked, or their 1:1 (serialized by the bot layer); kept for recovery. */
  conversation?: unknown;
  /** The agent's language. */
  locale?: string;
}

export interface FileRequestInput {
  requester: Actor & { upn?: string };
  locale: string;
  deviceId: string;
  justification: string;
  /** The employee's 1:1 (serialized by the bot layer). */
  requesterConversation: unknown;
}

/**
 * The self-service use cases. Check failures throw AppError with codes the bot shows:
 * request.notFound, request.notYours (another employee's request), request.notApprover (only the
 * approving agent verifies), request.stale, request.finished, request.expired,
 * request.selfApproval (approver = requester), request.deviceBusy (one open request per device),
 * request.dailyLimit, request.readLimit (device list read too often this hour), request.noneOpen (cancel without an open request),
 * request.justificationRequired, request.denyReasonRequired, request.noteRequired (verification
 * `other` without a note), access.notHelpdesk, access.wrongTenant, input.invalid (device not the
 * employee's or not eligible, unknown verification method), passcodeView.notAvailable (Intune no
 * longer shows it), state.unavailable (a record could not be written; nothing was done).
 */
export interface ApprovalService {
  /** The employee's own devices with eligibility (app-only read; no privileged call), a few times an hour. */
  ownDevices(requester: Actor): Promise<DeviceOption[]>;
  /** File a request (guards: own eligible device, one open per device, daily limit); audited. */
  file(input: FileRequestInput): Promise<ApprovalRequest>;
  /** The employee's requests, newest first. */
  listMine(requesterOid: string, limit?: number): Promise<ApprovalRequest[]>;
  /** The employee withdraws their open request (the newest open one when no id is given). */
  cancel(requesterOid: string, requestId?: string): Promise<ApprovalRequest>;
  /**
   * An agent approves: helpdesk member, not the requester, not expired, still open — claimed
   * exactly once across instances (open -> resetting). The caller then runs execute().
   * A removal leaves nothing to reveal afterwards, so its identity check comes with the approval
   * (`verification`, audited before Intune is called): without it, request.verificationFirst.
   */
  approve(action: RequestActionInput, verification?: VerificationInput): Promise<ApprovalRequest>;
  /** Run the reset as the approving agent; ends in awaitingVerification or failed. */
  execute(request: ApprovalRequest, onProgress?: (p: ResetProgress) => void): Promise<ApprovalRequest>;
  deny(action: RequestActionInput, reason: string): Promise<ApprovalRequest>;
  /**
   * The approving agent states how the employee's identity was verified; audited. Returns the
   * passcode, read again from Intune (never stored), for private delivery to that agent.
   */
  verifyAndReveal(action: RequestActionInput, method: VerificationMethod, note?: string): Promise<{ request: ApprovalRequest; issued: IssuedPasscode }>;
  /** Expire open requests past their time; returns those that changed (for card updates). */
  expireDue(): Promise<ApprovalRequest[]>;
  get(requestId: string): Promise<ApprovalRequest | undefined>;
  /** Device snapshot helper for cards. */
  deviceOf(request: ApprovalRequest): Pick<ManagedDevice, 'id' | 'deviceName'>;
}
