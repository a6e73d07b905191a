import type { ApprovalRequest } from '../../../../../src/domain/approvals/approval-request';
import type { DeviceOption } from '../../../../../src/domain/eligibility/types';
import type { Actor, IssuedPasscode } from '../../../../../src/domain/model';
import { iPhone, windows10Mobile } from '../../../../fakes';

export const TENANT = 'tenant-1';
/** The employee locked out of a phone. */
export const EMPLOYEE: Actor = { oid: 'employee-oid', name: 'Alice Smith', tenantId: TENANT };
/** The helpdesk member who decides. */
export const APPROVER: Actor = { oid: 'agent-oid-1', name: 'Hana Helpdesk', tenantId: TENANT };
export const NOW = new Date('2026-11-25T09:00:00.000Z');
export const SECRET = '48151623';

/** A request filed 12 minutes before NOW, open, for Alice's Lumia. */
export function aRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: 'request-1',
    revision: 1,
    state: 'open',
    tenantId: TENANT,
    requester: { oid: EMPLOYEE.oid, name: EMPLOYEE.name, upn: 'alice@contoso.com' },
    device: { id: 'device-1', name: 'ALICE-LUMIA', model: 'Lumia 950', osVersion: '10.0.15063.0', platform: 'Windows 10 Mobile' },
    justification: 'Forgot the PIN after the holidays',
    locale: 'en',
    createdAt: '2026-11-25T08:48:00.000Z',
    expiresAt: '2026-11-26T08:48:00.000Z',
    updatedAt: '2026-11-25T08:48:00.000Z',
    requesterConversation: {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example.test/teams/',
      conversation: { id: 'a:personal-employee', conversationType: 'personal', tenantId: TENANT },
      bot: { id: '28:passcode-desk' },
      user: { id: '29:employee', aadObjectId: EMPLOYEE.oid },
    },
    ...overrides,
  };
}

/** The same request after Hana approved it at 09:00. */
export function decided(state: ApprovalRequest['state'], overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return aRequest({
    state,
    revision: 3,
    decidedBy: { oid: APPROVER.oid, name: APPROVER.name },
    decidedAt: NOW.toISOString(),
    ...overrides,
  });
}

export const ISSUED: IssuedPasscode = {
  deviceId: 'device-1',
  deviceName: 'ALICE-LUMIA',
  passcode: SECRET,
  startedAt: '2026-11-25T09:00:05.000Z',
  visibleUntil: '2026-12-02T09:00:05.000Z',
};

/** Alice's devices: the Lumia can be reset, the iPhone cannot. */
export const ALICE_DEVICES: DeviceOption[] = [
  {
    device: windows10Mobile({ id: 'device-1', deviceName: 'ALICE-LUMIA', userId: EMPLOYEE.oid }),
    verdict: { eligible: true, ruleId: 'windows10Mobile', platform: 'Windows 10 Mobile', outcome: 'newPasscode' },
  },
  {
    device: iPhone({ id: 'device-2', deviceName: 'Alice iPhone', userId: EMPLOYEE.oid }),
    verdict: { eligible: false, ruleId: 'ios', platform: 'iOS', outcome: 'notSupported', reason: 'platformNotSupported' },
  },
];
