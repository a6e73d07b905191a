import type { ApprovalRequest } from '../../../../src/domain/approvals/approval-request';
import type { AuditRecord } from '../../../../src/domain/audit/audit-record';
import type { InFlightReset } from '../../../../src/ports/in-flight-store';

/** A minute after the fake clock's start, `n` minutes later. */
export function minute(n: number): string {
  return new Date(Date.parse('2026-11-25T08:00:00.000Z') + n * 60_000).toISOString();
}

export function aRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  const createdAt = overrides.createdAt ?? minute(0);
  return {
    id: 'req-1',
    revision: 1,
    state: 'open',
    tenantId: 'tenant-1',
    requester: { oid: 'user-alice', name: 'Alice Smith', upn: 'alice@contoso.com' },
    device: { id: 'device-1', name: 'Alice Lumia', platform: 'Windows 10 Mobile' },
    justification: 'Forgot my PIN after the holidays',
    locale: 'en',
    createdAt,
    expiresAt: new Date(Date.parse(createdAt) + 24 * 3_600_000).toISOString(),
    requesterConversation: { channelId: 'msteams', conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' },
    updatedAt: createdAt,
    ...overrides,
  };
}

export function anInFlight(overrides: Partial<InFlightReset> = {}): InFlightReset {
  return {
    id: 'flow-1',
    kind: 'agentFlow',
    tenantId: 'tenant-1',
    deviceId: 'device-1',
    deviceName: 'Alice Lumia',
    agent: { oid: 'agent-1', name: 'Hana Helpdesk' },
    postedAt: minute(0),
    agentConversation: { channelId: 'msteams', conversation: { id: 'a:agent' } },
    locale: 'en',
    ...overrides,
  };
}

export function anAuditRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: 'audit-1',
    at: minute(0),
    kind: 'reset.succeeded',
    actor: { oid: 'agent-1', name: 'Hana Helpdesk' },
    targetUser: { oid: 'user-alice', name: 'Alice Smith' },
    device: { id: 'device-1', name: 'Alice Lumia' },
    reason: 'INC-1234',
    outcome: 'done',
    ...overrides,
  };
}
