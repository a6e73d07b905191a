import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { ApprovalRequest } from '../../domain/approvals/approval-request';
import type { RequestStore } from '../../ports/request-store';
import { AlreadyExistsError, isConflict, isNotFound, isPreconditionFailed } from './azure-errors';
import { bodyProperties, readBody } from './stored-json';
import { ascendingTime, descendingTime, keyPart } from './table-keys';
import { getOrUndefined, listRange } from './table-queries';

const REQUESTS = 'requests';
const DEVICES = 'devices';

/**
 * Self-service requests in Azure Table Storage. Why Table: requests need create-if-absent (409),
 * compare-and-set (ETag, 412) AND two queries (by requester, still open) that must not scan.
 *
 * Partition design: every request lives in one partition with three kinds of row —
 *   `id_{id}`                              the request (revision, state, JSON body),
 *   `by_{requesterOid}_{newest-first time}_{id}`  a copy, so "my requests" is one range read,
 *   `open_{oldest-first time}_{id}`        a copy while the request is open (expiry sweep).
 * All rows of a request change in ONE entity-group transaction, conditioned on the main row's
 * ETag, so the copies are never out of step and a lost compare-and-set changes nothing. One
 * partition serves some thousands of operations a second: plenty for a helpdesk.
 * Device slots live in partition `devices`, one row per device holding the request id.
 */
export class TableRequestStore implements RequestStore {
  constructor(private readonly table: TableClient) {}

  async create(request: ApprovalRequest): Promise<void> {
    const actions: TransactionAction[] = rowsOf(request).map((row) => ['create', row]);
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      if (isConflict(error)) throw new AlreadyExistsError('request', request.id);
      throw error;
    }
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const entity = await getOrUndefined(this.table, REQUESTS, mainKey(id));
    return entity ? toRequest(entity) : undefined;
  }

  async replace(request: ApprovalRequest, expectedRevision: number): Promise<boolean> {
    const entity = await getOrUndefined(this.table, REQUESTS, mainKey(request.id));
    if (!entity) return false;
    const current = toRequest(entity);
    if (current.revision !== expectedRevision) return false;

    const [main, ...copies] = rowsOf(request);
    const newKeys = new Set(copies.map((row) => row.rowKey));
    const actions: TransactionAction[] = [['update', main!, 'Replace', { etag: entity.etag }]];
    for (const row of copies) actions.push(['upsert', row, 'Replace']);
    for (const old of rowsOf(current).slice(1)) {
      if (!newKeys.has(old.rowKey)) actions.push(['delete', { partitionKey: REQUESTS, rowKey: old.rowKey }]);
    }
    try {
      await this.table.submitTransaction(actions);
      return true;
    } catch (error) {
      if (isPreconditionFailed(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  async listByRequester(requesterOid: string, limit: number): Promise<ApprovalRequest[]> {
    const rows = await listRange(this.table, REQUESTS, `by_${keyPart(requesterOid)}_`, limit);
    return rows.map(toRequest);
  }

  async listOpen(limit: number): Promise<ApprovalRequest[]> {
    const rows = await listRange(this.table, REQUESTS, 'open_', limit);
    return rows.map(toRequest);
  }

  async claimDevice(deviceId: string, requestId: string): Promise<boolean> {
    try {
      await this.table.createEntity({ partitionKey: DEVICES, rowKey: keyPart(deviceId), requestId });
      return true;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    // Taken: by this very request (a retried claim) or by another one.
    const holder = await getOrUndefined(this.table, DEVICES, keyPart(deviceId));
    return holder?.requestId === requestId;
  }

  async releaseDevice(deviceId: string, requestId: string): Promise<void> {
    const holder = await getOrUndefined(this.table, DEVICES, keyPart(deviceId));
    if (!holder || holder.requestId !== requestId) return;
    try {
      // Conditioned on the ETag: never free a slot another request took in the meantime.
      await this.table.deleteEntity(DEVICES, keyPart(deviceId), { etag: holder.etag });
    } catch (error) {
      if (!isNotFound(error) && !isPreconditionFailed(error)) throw error;
    }
  }
}

interface RequestRow {
  partitionKey: string;
  rowKey: string;
  [property: string]: string | number;
}

const mainKey = (id: string): string => `id_${keyPart(id)}`;

/** The main row first, then the index copies the request's state calls for. */
function rowsOf(request: ApprovalRequest): RequestRow[] {
  const fields = { ...bodyProperties(request), revision: request.revision, state: request.state, requesterOid: request.requester.oid, createdAt: request.createdAt };
  const rows: RequestRow[] = [
    { partitionKey: REQUESTS, rowKey: mainKey(request.id), ...fields },
    { partitionKey: REQUESTS, rowKey: `by_${keyPart(request.requester.oid)}_${descendingTime(request.createdAt)}_${keyPart(request.id)}`, ...fields },
  ];
  if (request.state === 'open') {
    rows.push({ partitionKey: REQUESTS, rowKey: `open_${ascendingTime(request.createdAt)}_${keyPart(request.id)}`, ...fields });
  }
  return rows;
}

function toRequest(entity: Record<string, unknown>): ApprovalRequest {
  const request = readBody(entity);
  if (typeof request !== 'object' || request === null || typeof (request as { id?: unknown }).id !== 'string') {
    throw new Error('The stored request is not a request.');
  }
  return request as ApprovalRequest;
}
