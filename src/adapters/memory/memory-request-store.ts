import type { ApprovalRequest } from '../../domain/approvals/approval-request';
import type { RequestStore } from '../../ports/request-store';
import { byKey } from '../azure/table-keys';

/**
 * Requests in process memory, for unit tests only. Same contract as the Azure store: copies in and
 * out, create-if-absent, compare-and-set on the revision, one device slot per device.
 */
export class MemoryRequestStore implements RequestStore {
  private readonly requests = new Map<string, ApprovalRequest>();
  private readonly deviceSlots = new Map<string, string>();

  async create(request: ApprovalRequest): Promise<void> {
    if (this.requests.has(request.id)) throw new Error(`A request with id ${request.id} already exists.`);
    this.requests.set(request.id, structuredClone(request));
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const request = this.requests.get(id);
    return request ? structuredClone(request) : undefined;
  }

  async replace(request: ApprovalRequest, expectedRevision: number): Promise<boolean> {
    const current = this.requests.get(request.id);
    if (!current || current.revision !== expectedRevision) return false;
    this.requests.set(request.id, structuredClone(request));
    return true;
  }

  async listByRequester(requesterOid: string, limit: number): Promise<ApprovalRequest[]> {
    return [...this.requests.values()]
      .filter((r) => r.requester.oid === requesterOid)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || byKey(a.id, b.id))
      .slice(0, Math.max(0, limit))
      .map((r) => structuredClone(r));
  }

  async listOpen(limit: number): Promise<ApprovalRequest[]> {
    return [...this.requests.values()]
      .filter((r) => r.state === 'open')
      .sort(compareTimeThenId)
      .slice(0, Math.max(0, limit))
      .map((r) => structuredClone(r));
  }

  async claimDevice(deviceId: string, requestId: string): Promise<boolean> {
    const holder = this.deviceSlots.get(deviceId);
    if (holder !== undefined) return holder === requestId;
    this.deviceSlots.set(deviceId, requestId);
    return true;
  }

  async releaseDevice(deviceId: string, requestId: string): Promise<void> {
    if (this.deviceSlots.get(deviceId) === requestId) this.deviceSlots.delete(deviceId);
  }

  /** Which request holds the device's slot (tests). */
  deviceHolder(deviceId: string): string | undefined {
    return this.deviceSlots.get(deviceId);
  }
}

/** Oldest first by createdAt, then by id (the order of the Azure index keys). */
function compareTimeThenId(a: ApprovalRequest, b: ApprovalRequest): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || byKey(a.id, b.id);
}
