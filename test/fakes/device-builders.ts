import type { DirectoryUser, ManagedDevice } from '../../src/domain/model';

let counter = 0;
const nextId = (): string => `dev-${String(++counter).padStart(4, '0')}`;

/** An eligible phone as Graph beta shows it: Windows 10 Mobile, Creators Update, Azure AD joined. */
export function windows10Mobile(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    id: nextId(),
    deviceName: 'LUMIA-950',
    operatingSystem: 'Windows',
    osVersion: '10.0.15063.1418',
    model: 'Lumia 950',
    manufacturer: 'Microsoft',
    lastSyncDateTime: '2026-11-25T07:41:00Z',
    deviceEnrollmentType: 'windowsAzureADJoin',
    azureADRegistered: true,
    deviceType: 'windowsPhone',
    chassisType: 'phone',
    joinType: 'azureADJoined',
    ...overrides,
  };
}

/** A Windows PC under MDM, as beta shows it. */
export function windowsPc(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return windows10Mobile({
    deviceName: 'DESKTOP-01',
    model: 'Surface Laptop',
    osVersion: '10.0.19045.4529',
    deviceType: 'windowsRT',
    chassisType: 'laptop',
    ...overrides,
  });
}

/** A Windows device read from v1.0: no deviceType, chassisType or joinType. */
export function windowsFromV1(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  const device = windows10Mobile({ deviceName: 'WIN-V1', ...overrides });
  if (!('deviceType' in overrides)) delete device.deviceType;
  if (!('chassisType' in overrides)) delete device.chassisType;
  if (!('joinType' in overrides)) delete device.joinType;
  return device;
}

export function iPhone(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    id: nextId(),
    deviceName: 'iPhone 15',
    operatingSystem: 'iOS',
    osVersion: '18.1',
    model: 'iPhone 15',
    manufacturer: 'Apple',
    deviceEnrollmentType: 'appleBulkWithUser',
    deviceType: 'iPhone',
    chassisType: 'phone',
    ...overrides,
  };
}

export function mac(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    id: nextId(),
    deviceName: 'MacBook',
    operatingSystem: 'macOS',
    osVersion: '15.1',
    model: 'MacBook Air',
    manufacturer: 'Apple',
    deviceType: 'macMDM',
    chassisType: 'laptop',
    ...overrides,
  };
}

export function androidWorkProfile(overrides: Partial<ManagedDevice> = {}): ManagedDevice {
  return {
    id: nextId(),
    deviceName: 'Pixel 8',
    operatingSystem: 'Android',
    osVersion: '15',
    model: 'Pixel 8',
    manufacturer: 'Google',
    deviceEnrollmentType: 'androidEnterpriseCorporateWorkProfile',
    deviceType: 'androidEnterprise',
    chassisType: 'phone',
    ...overrides,
  };
}

export function user(overrides: Partial<DirectoryUser> & Pick<DirectoryUser, 'id' | 'displayName'>): DirectoryUser {
  const [first = '', ...rest] = overrides.displayName.split(' ');
  const base: DirectoryUser = {
    id: overrides.id,
    displayName: overrides.displayName,
    userPrincipalName: `${first.toLowerCase()}@contoso.com`,
    mail: `${first.toLowerCase()}@contoso.com`,
    givenName: first,
  };
  if (rest.length > 0) base.surname = rest.join(' ');
  return { ...base, ...overrides };
}
