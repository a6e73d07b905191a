import type { ApprovalRequest } from '../domain/approvals/approval-request';

/** Self-service requests, shared by every bot instance. Never given a secret. */
export interface RequestStore {
  /** Create; throws when the id exists. */
  create(request: ApprovalRequest): Promise<void>;
  get(id: string): Promise<ApprovalRequest | undefined>;
  /** Compare-and-set on revision: false when another instance changed it first. */
  replace(request: ApprovalRequest, expectedRevision: number): Promise<boolean>;
  /** The requester's requests, newest first (an index, not a scan). */
  listByRequester(requesterOid: string, limit: number): Promise<ApprovalRequest[]>;
  /** Requests still open (for expiry), oldest first. */
  listOpen(limit: number): Promise<ApprovalRequest[]>;
  /**
   * Take the device's "one open request" slot (create-if-absent): true when this request got it,
   * false when another request holds it. Exactly one of two racing requests wins.
   */
  claimDevice(deviceId: string, requestId: string): Promise<boolean>;
  /** Free the slot when the request closes (only if this request holds it). */
  releaseDevice(deviceId: string, requestId: string): Promise<void>;
}
