import type { DeviceOption } from '../../../src/domain/eligibility/types';
import type { DirectoryUser, IssuedPasscode, ManagedDevice } from '../../../src/domain/model';
import type { FlowState, ResetFlow } from '../../../src/domain/reset/reset-flow';

export const ALICE: DirectoryUser = {
  id: 'user-alice',
  displayName: "Alice O'Brien",
  userPrincipalName: 'alice@contoso.com',
  department: 'Sales',
};

export const PHONE: ManagedDevice = {
  id: 'dev-phone-1',
  deviceName: 'ALICE-LUMIA',
  userId: ALICE.id,
  userPrincipalName: ALICE.userPrincipalName,
  operatingSystem: 'Windows',
  osVersion: '10.0.15063.1418',
  model: 'Lumia 950',
  manufacturer: 'Microsoft',
  lastSyncDateTime: '2026-11-24T09:30:00Z',
  deviceEnrollmentType: 'windowsAzureADJoin',
  deviceType: 'windowsPhone',
  joinType: 'azureADJoined',
};

const OLD_PHONE: ManagedDevice = {
  ...PHONE,
  id: 'dev-phone-old',
  deviceName: 'ALICE-OLD-LUMIA',
  osVersion: '10.0.14393.0',
  lastSyncDateTime: '0001-01-01T00:00:00Z',
};
const IPHONE: ManagedDevice = { id: 'dev-iphone', deviceName: 'Alice iPhone', operatingSystem: 'iOS', osVersion: '17.4' };
const PC: ManagedDevice = { id: 'dev-pc', deviceName: 'ALICE-PC', operatingSystem: 'Windows', osVersion: '10.0.19045.4291' };

export const ELIGIBLE: DeviceOption = {
  device: PHONE,
  verdict: { eligible: true, ruleId: 'windows10Mobile', platform: 'Windows 10 Mobile', outcome: 'newPasscode' },
};

export const INELIGIBLE: DeviceOption[] = [
  {
    device: OLD_PHONE,
    verdict: {
      eligible: false,
      ruleId: 'windows10Mobile',
      platform: 'Windows 10 Mobile',
      outcome: 'notSupported',
      reason: 'osTooOld',
      reasonParams: { minBuild: '10.0.15063', osVersion: '10.0.14393.0' },
    },
  },
  {
    device: IPHONE,
    verdict: {
      eligible: false,
      ruleId: 'ios',
      platform: 'iOS/iPadOS',
      outcome: 'notSupported',
      reason: 'platformNotSupported',
      reasonParams: { platform: 'iOS/iPadOS' },
    },
  },
  {
    device: PC,
    verdict: {
      eligible: false,
      ruleId: 'windowsKindUnknown',
      platform: 'Windows',
      outcome: 'notSupported',
      reason: 'deviceTypeUnknown',
      reasonParams: { platform: 'Windows' },
    },
  },
];

export const PASSCODE = 'Q7XK-2M9P';

export const ISSUED: IssuedPasscode = {
  deviceId: PHONE.id,
  deviceName: PHONE.deviceName,
  passcode: PASSCODE,
  startedAt: '2026-11-25T10:00:00Z',
  visibleUntil: '2026-12-02T10:00:00Z',
};

/** A user named `n`, for lists of candidates. */
export function person(n: number): DirectoryUser {
  return {
    id: `user-${n}`,
    displayName: `Alex Person ${n}`,
    userPrincipalName: `alex${n}@contoso.com`,
    department: n % 2 === 0 ? 'Finance' : undefined,
  };
}

function base(): ResetFlow {
  return {
    id: 'flow-123',
    revision: 7,
    state: 'choosingUser',
    agent: { oid: 'agent-oid', name: 'Hana Helpdesk', tenantId: 'tenant-1' },
    locale: 'en',
    query: 'alice',
    origin: { conversationId: 'conv-1' },
    originIsPersonal: false,
    createdAt: '2026-11-25T09:59:00Z',
    updatedAt: '2026-11-25T10:00:00Z',
  };
}

/** A realistic flow in each state, as the domain would hand it to the views. */
export function flowIn(state: FlowState, overrides: Partial<ResetFlow> = {}): ResetFlow {
  const chosen = { targetUser: ALICE, devices: [ELIGIBLE, ...INELIGIBLE] };
  const byState: Record<FlowState, Partial<ResetFlow>> = {
    choosingUser: { userCandidates: [ALICE, person(1), person(2)] },
    choosingDevice: {
      ...chosen,
      devices: [ELIGIBLE, { ...ELIGIBLE, device: { ...PHONE, id: 'dev-phone-2', deviceName: 'ALICE-SPARE' } }, ...INELIGIBLE],
    },
    confirming: { ...chosen, device: PHONE },
    resetting: { ...chosen, device: PHONE, resetRequestedAt: '2026-11-25T10:00:00Z' },
    done: { ...chosen, device: PHONE, actionStartedAt: ISSUED.startedAt, visibleUntil: ISSUED.visibleUntil },
    failed: {
      ...chosen,
      device: PHONE,
      failure: { code: 'graph.forbidden', errorCode: 'Forbidden', requestId: 'req-6f1e' },
    },
    cancelled: { ...chosen, device: PHONE },
    noUser: { query: 'Zed Nobody' },
    noEligibleDevice: { targetUser: ALICE, devices: INELIGIBLE },
  };
  return { ...base(), state, ...byState[state], ...overrides };
}

export const ALL_STATES: readonly FlowState[] = [
  'choosingUser',
  'choosingDevice',
  'confirming',
  'resetting',
  'done',
  'failed',
  'cancelled',
  'noUser',
  'noEligibleDevice',
];
