import { demoReadiness } from './readiness/seed';
import type { SimDevice, SimUser, TenantSeed } from './types';

/**
 * The demo tenant "Contoso": fixed ids so that the demo, the Playground configuration and the
 * tests can name people and devices. Devices cover every row of the eligibility table.
 */
export const DEMO_TENANT_ID = 'c0a8f1e2-7b3d-4e5f-9a1b-2c3d4e5f6a70';
export const DEMO_CLIENT_ID = '5b2f9c1e-8d4a-4f6b-a3c7-1e9d2b8f4a60';
/** A demo-only secret: it opens nothing but the simulator. */
export const DEMO_CLIENT_SECRET = 'sim~Contoso.DemoSecret-not-for-production';
export const DEMO_HELPDESK_GROUP_ID = 'e1a2b3c4-1111-4aaa-8bbb-00000000a001';
export const DEMO_HELPDESK_ADMIN_GROUP_ID = 'e1a2b3c4-1111-4aaa-8bbb-00000000a002';
const ALL_STAFF_GROUP_ID = 'e1a2b3c4-1111-4aaa-8bbb-00000000a003';

/** Object ids of the demo users. */
export const DEMO_USERS = {
  /** Helpdesk agent with a tenant-wide Intune role; in Helpdesk and Helpdesk Admins. */
  hanaSuzuki: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a01',
  /** Helpdesk agent whose Intune role scope excludes Oliver Brown's phone. */
  kenjiSato: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a02',
  /** Not in the helpdesk, no Intune role. */
  marcoRossi: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a03',
  /** One eligible phone, plus a Windows laptop on build 15063 and an iPhone (both ineligible). */
  aliceSmith: '11111111-2222-4333-8444-555555555555',
  /** Shares a first name with Alice Smith; a pre-Creators-Update phone and an Android. */
  aliceJohnson: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a05',
  /** Apostrophe in the name; a phone that is not Azure AD joined, and a Mac. */
  seanOBrien: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a06',
  /** Japanese display name; two eligible phones and an iPad. */
  taroYamada: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a07',
  /** No devices at all. */
  priyaPatel: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a08',
  /** One eligible phone whose reset fails in Intune. */
  emmaWilson: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a09',
  /** One eligible phone outside Kenji Sato's Intune scope. */
  oliverBrown: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a10',
  /** Android personally-owned work profile (new work-profile passcode); a device-administrator phone and an Android 7 work profile. */
  renTanaka: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a11',
  /** iPhone enrolled through ADE (passcode removed); an iPad with Apple User Enrollment. */
  ninaBerg: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a12',
  /** Only a Windows 11 laptop: Windows Hello guidance. */
  lucasMeyer: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a13',
  /** A fully managed Android whose reset fails in Intune (no passcode policy assigned). */
  sofiaGarcia: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a14',
  /** Field kit: a dedicated device, AOSP user-owned and userless, a corporate-owned work profile, a Vision Pro, an unknown enrollment type. */
  kaiMuller: '3e9a7c51-0c2d-4b8e-9f1a-6d5c4b3a2a15',
} as const;

/** Ids of the demo devices. */
export const DEMO_DEVICES = {
  aliceLumia: '5d1c2b3a-0000-4000-8000-00000000a001',
  aliceLaptop: '5d1c2b3a-0000-4000-8000-00000000a002',
  aliceIphone: '5d1c2b3a-0000-4000-8000-00000000a003',
  aliceJohnsonOldLumia: '5d1c2b3a-0000-4000-8000-00000000a004',
  aliceJohnsonAndroid: '5d1c2b3a-0000-4000-8000-00000000a005',
  seanNotJoinedPhone: '5d1c2b3a-0000-4000-8000-00000000a006',
  seanMac: '5d1c2b3a-0000-4000-8000-00000000a007',
  taroPhone1: '5d1c2b3a-0000-4000-8000-00000000a008',
  taroPhone2: '5d1c2b3a-0000-4000-8000-00000000a009',
  taroIpad: '5d1c2b3a-0000-4000-8000-00000000a010',
  marcoDesktop: '5d1c2b3a-0000-4000-8000-00000000a011',
  emmaFailingPhone: '5d1c2b3a-0000-4000-8000-00000000a012',
  oliverOutOfScopePhone: '5d1c2b3a-0000-4000-8000-00000000a013',
  hanaIphone: '5d1c2b3a-0000-4000-8000-00000000a014',
  renPixel: '5d1c2b3a-0000-4000-8000-00000000a015',
  renOldAndroidAdmin: '5d1c2b3a-0000-4000-8000-00000000a016',
  renOldWorkProfile: '5d1c2b3a-0000-4000-8000-00000000a017',
  ninaIphone: '5d1c2b3a-0000-4000-8000-00000000a018',
  ninaIpadUserEnrollment: '5d1c2b3a-0000-4000-8000-00000000a019',
  lucasLaptop: '5d1c2b3a-0000-4000-8000-00000000a020',
  sofiaFullyManaged: '5d1c2b3a-0000-4000-8000-00000000a021',
  kaiKiosk: '5d1c2b3a-0000-4000-8000-00000000a022',
  kaiAospHeadset: '5d1c2b3a-0000-4000-8000-00000000a023',
  kaiAospUserless: '5d1c2b3a-0000-4000-8000-00000000a024',
  kaiCorporateWorkProfile: '5d1c2b3a-0000-4000-8000-00000000a025',
  kaiVisionPro: '5d1c2b3a-0000-4000-8000-00000000a026',
  kaiUnknownEnrollment: '5d1c2b3a-0000-4000-8000-00000000a027',
} as const;

function user(
  id: string,
  displayName: string,
  givenName: string,
  surname: string,
  userPrincipalName: string,
  extra: Partial<SimUser> = {},
): SimUser {
  return {
    id,
    displayName,
    givenName,
    surname,
    userPrincipalName,
    mail: userPrincipalName,
    department: null,
    jobTitle: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    mobilePhone: null,
    businessPhones: [],
    accountEnabled: true,
    memberOf: [ALL_STAFF_GROUP_ID],
    ...extra,
  };
}

const users: SimUser[] = [
  user(DEMO_USERS.hanaSuzuki, 'Hana Suzuki', 'Hana', 'Suzuki', 'hana@contoso.com', {
    department: 'IT Helpdesk',
    jobTitle: 'Helpdesk Lead',
    officeLocation: 'Tokyo',
    preferredLanguage: 'ja-JP',
    memberOf: [ALL_STAFF_GROUP_ID, DEMO_HELPDESK_GROUP_ID, DEMO_HELPDESK_ADMIN_GROUP_ID],
    intuneRole: { displayName: 'Help Desk Operator', managesConfiguration: true },
  }),
  user(DEMO_USERS.kenjiSato, 'Kenji Sato', 'Kenji', 'Sato', 'kenji@contoso.com', {
    department: 'IT Helpdesk',
    jobTitle: 'Helpdesk Agent',
    officeLocation: 'Osaka',
    memberOf: [ALL_STAFF_GROUP_ID, DEMO_HELPDESK_GROUP_ID],
    intuneRole: { displayName: 'Help Desk Operator (Osaka)', excludedDeviceIds: [DEMO_DEVICES.oliverOutOfScopePhone] },
  }),
  user(DEMO_USERS.marcoRossi, 'Marco Rossi', 'Marco', 'Rossi', 'marco@contoso.com', {
    department: 'Finance',
    jobTitle: 'Accountant',
    officeLocation: 'Milan',
  }),
  user(DEMO_USERS.aliceSmith, 'Alice Smith', 'Alice', 'Smith', 'alice@contoso.com', {
    department: 'Sales',
    jobTitle: 'Account Manager',
    officeLocation: 'Seattle',
    businessPhones: ['+1 425 555 0101'],
  }),
  user(DEMO_USERS.aliceJohnson, 'Alice Johnson', 'Alice', 'Johnson', 'alice.johnson@contoso.com', {
    department: 'Marketing',
    jobTitle: 'Brand Manager',
    officeLocation: 'London',
  }),
  user(DEMO_USERS.seanOBrien, "Seán O'Brien", 'Seán', "O'Brien", 'sean.obrien@contoso.com', {
    department: 'Logistics',
    jobTitle: 'Warehouse Supervisor',
    officeLocation: 'Dublin',
    mail: "sean.o'brien@contoso.com",
  }),
  user(DEMO_USERS.taroYamada, '山田 太郎', '太郎', '山田', 'taro.yamada@contoso.com', {
    department: '営業部',
    jobTitle: '営業担当',
    officeLocation: '東京',
    preferredLanguage: 'ja-JP',
  }),
  user(DEMO_USERS.priyaPatel, 'Priya Patel', 'Priya', 'Patel', 'priya@contoso.com', {
    department: 'Legal',
    jobTitle: 'Counsel',
    officeLocation: 'Seattle',
  }),
  user(DEMO_USERS.emmaWilson, 'Emma Wilson', 'Emma', 'Wilson', 'emma@contoso.com', {
    department: 'Field Service',
    jobTitle: 'Technician',
    officeLocation: 'Manchester',
  }),
  user(DEMO_USERS.oliverBrown, 'Oliver Brown', 'Oliver', 'Brown', 'oliver@contoso.com', {
    department: 'Field Service',
    jobTitle: 'Technician',
    officeLocation: 'Sydney',
  }),
  user(DEMO_USERS.renTanaka, 'Ren Tanaka', 'Ren', 'Tanaka', 'ren@contoso.com', {
    department: 'Sales',
    jobTitle: 'Account Executive',
    officeLocation: 'Tokyo',
  }),
  user(DEMO_USERS.ninaBerg, 'Nina Berg', 'Nina', 'Berg', 'nina@contoso.com', {
    department: 'Finance',
    jobTitle: 'Controller',
    officeLocation: 'Oslo',
  }),
  user(DEMO_USERS.lucasMeyer, 'Lucas Meyer', 'Lucas', 'Meyer', 'lucas@contoso.com', {
    department: 'Engineering',
    jobTitle: 'Developer',
    officeLocation: 'Berlin',
  }),
  user(DEMO_USERS.sofiaGarcia, 'Sofia Garcia', 'Sofia', 'Garcia', 'sofia@contoso.com', {
    department: 'Field Service',
    jobTitle: 'Technician',
    officeLocation: 'Madrid',
  }),
  user(DEMO_USERS.kaiMuller, 'Kai Müller', 'Kai', 'Müller', 'kai@contoso.com', {
    department: 'Operations',
    jobTitle: 'Site Lead',
    officeLocation: 'Hamburg',
  }),
];

type Platform =
  | 'windowsPhone'
  | 'windowsPc'
  | 'iPhone'
  | 'iPad'
  | 'visionPro'
  | 'mac'
  | 'android'
  | 'androidWorkProfile'
  | 'androidDeviceOwner'
  | 'androidAosp'
  | 'androidDeviceAdmin';

const ANDROID_BASE: Partial<SimDevice> = {
  operatingSystem: 'Android',
  chassisType: 'phone',
  joinType: 'azureADRegistered',
  skuFamily: '',
};

const PLATFORM_DEFAULTS: Record<Platform, Partial<SimDevice>> = {
  windowsPhone: {
    operatingSystem: 'Windows',
    deviceType: 'windowsPhone',
    chassisType: 'phone',
    joinType: 'azureADJoined',
    skuFamily: 'Mobile',
    deviceEnrollmentType: 'windowsAzureADJoin',
    manufacturer: 'Microsoft',
  },
  windowsPc: {
    operatingSystem: 'Windows',
    deviceType: 'windowsRT',
    chassisType: 'laptop',
    joinType: 'azureADJoined',
    skuFamily: 'Enterprise',
    deviceEnrollmentType: 'windowsAzureADJoin',
  },
  iPhone: {
    operatingSystem: 'iOS',
    deviceType: 'iPhone',
    chassisType: 'phone',
    joinType: 'azureADRegistered',
    skuFamily: '',
    deviceEnrollmentType: 'appleBulkWithUser',
    manufacturer: 'Apple',
    isSupervised: true,
  },
  iPad: {
    operatingSystem: 'iPadOS',
    deviceType: 'iPad',
    chassisType: 'tablet',
    joinType: 'azureADRegistered',
    skuFamily: '',
    deviceEnrollmentType: 'appleBulkWithUser',
    manufacturer: 'Apple',
    isSupervised: true,
  },
  mac: {
    operatingSystem: 'macOS',
    deviceType: 'macMDM',
    chassisType: 'laptop',
    joinType: 'azureADRegistered',
    skuFamily: '',
    deviceEnrollmentType: 'userEnrollment',
    manufacturer: 'Apple',
  },
  visionPro: {
    operatingSystem: 'visionOS',
    deviceType: 'visionOS',
    chassisType: 'unknown',
    joinType: 'azureADRegistered',
    skuFamily: '',
    deviceEnrollmentType: 'appleBulkWithUser',
    manufacturer: 'Apple',
    isSupervised: true,
  },
  android: {
    ...ANDROID_BASE,
    deviceType: 'androidEnterprise',
    deviceEnrollmentType: 'androidEnterpriseCorporateWorkProfile',
  },
  // A personally-owned work profile: Graph names it androidForWork with the generic userEnrollment.
  androidWorkProfile: {
    ...ANDROID_BASE,
    deviceType: 'androidForWork',
    deviceEnrollmentType: 'userEnrollment',
    managedDeviceOwnerType: 'personal',
  },
  androidDeviceOwner: {
    ...ANDROID_BASE,
    deviceType: 'androidEnterprise',
    deviceEnrollmentType: 'androidEnterpriseFullyManaged',
  },
  androidAosp: {
    ...ANDROID_BASE,
    deviceType: 'androidEnterprise',
    chassisType: 'unknown',
    deviceEnrollmentType: 'androidAOSPUserOwnedDeviceEnrollment',
    managementAgent: 'intuneAosp',
  },
  androidDeviceAdmin: {
    ...ANDROID_BASE,
    deviceType: 'android',
    deviceEnrollmentType: 'userEnrollment',
    managedDeviceOwnerType: 'personal',
  },
};

interface DeviceSpec {
  id: string;
  owner: SimUser;
  platform: Platform;
  deviceName: string;
  model: string;
  osVersion: string;
  lastSyncDateTime: string;
  serialNumber: string;
  extra?: Partial<SimDevice>;
}

function device(spec: DeviceSpec): SimDevice {
  const suffix = spec.id.slice(-4);
  return {
    id: spec.id,
    userId: spec.owner.id,
    deviceName: spec.deviceName,
    managedDeviceOwnerType: 'company',
    enrolledDateTime: '2025-03-01T09:12:00Z',
    lastSyncDateTime: spec.lastSyncDateTime,
    operatingSystem: '',
    osVersion: spec.osVersion,
    complianceState: 'compliant',
    jailBroken: 'Unknown',
    managementAgent: 'mdm',
    easActivated: false,
    azureADRegistered: true,
    deviceEnrollmentType: '',
    emailAddress: spec.owner.mail ?? spec.owner.userPrincipalName,
    azureADDeviceId: `a0b1c2d3-0000-4000-8000-00000000${suffix.padStart(4, '0')}`,
    deviceRegistrationState: 'registered',
    deviceCategoryDisplayName: 'Unknown',
    isSupervised: false,
    isEncrypted: true,
    userPrincipalName: spec.owner.userPrincipalName,
    userDisplayName: spec.owner.displayName,
    model: spec.model,
    manufacturer: '',
    serialNumber: spec.serialNumber,
    imei: '',
    phoneNumber: '',
    deviceType: '',
    chassisType: '',
    joinType: '',
    skuFamily: '',
    deviceActionResults: [],
    ...PLATFORM_DEFAULTS[spec.platform],
    ...spec.extra,
  };
}

const byId = (id: string): SimUser => {
  const found = users.find((u) => u.id === id);
  if (!found) throw new Error(`demo seed: no user ${id}`);
  return found;
};

const devices: SimDevice[] = [
  device({
    id: DEMO_DEVICES.aliceLumia, owner: byId(DEMO_USERS.aliceSmith), platform: 'windowsPhone',
    deviceName: 'ALICE-LUMIA', model: 'Lumia 950', osVersion: '10.0.15063.1418',
    lastSyncDateTime: '2026-11-25T07:41:00Z', serialNumber: '0123456789',
    extra: {
      imei: '356938035643809',
      phoneNumber: '+14255550101',
      deviceActionResults: [
        { '@odata.type': '#microsoft.graph.deviceActionResult', actionName: 'syncDevice', actionState: 'done', startDateTime: '2026-11-24T10:00:00Z', lastUpdatedDateTime: '2026-11-24T10:00:05Z' },
      ],
    },
  }),
  device({
    id: DEMO_DEVICES.aliceLaptop, owner: byId(DEMO_USERS.aliceSmith), platform: 'windowsPc',
    deviceName: 'ALICE-SURFACE', model: 'Surface Laptop 3', osVersion: '10.0.15063.2679',
    lastSyncDateTime: '2026-11-25T06:58:00Z', serialNumber: '026543712453',
    extra: { manufacturer: 'Microsoft Corporation' },
  }),
  device({
    id: DEMO_DEVICES.aliceIphone, owner: byId(DEMO_USERS.aliceSmith), platform: 'iPhone',
    deviceName: "Alice's iPhone", model: 'iPhone 15', osVersion: '18.1.1',
    lastSyncDateTime: '2026-11-25T08:02:00Z', serialNumber: 'F2LXK0PXN70F',
    // Her own phone, enrolled with Apple User Enrollment: Intune cannot remove its passcode.
    extra: { imei: '353918116729842', deviceEnrollmentType: 'appleUserEnrollment', managedDeviceOwnerType: 'personal', isSupervised: false },
  }),
  device({
    id: DEMO_DEVICES.aliceJohnsonOldLumia, owner: byId(DEMO_USERS.aliceJohnson), platform: 'windowsPhone',
    deviceName: 'AJOHNSON-LUMIA', model: 'Lumia 650', osVersion: '10.0.14393.2551',
    lastSyncDateTime: '2026-11-24T16:20:00Z', serialNumber: '1122334455',
    extra: { imei: '358240051111110' },
  }),
  device({
    id: DEMO_DEVICES.aliceJohnsonAndroid, owner: byId(DEMO_USERS.aliceJohnson), platform: 'android',
    deviceName: 'AJOHNSON-GALAXY', model: 'Galaxy S7', osVersion: '7.0',
    lastSyncDateTime: '2026-11-25T07:12:00Z', serialNumber: 'R5CX10ABCDE',
    // A personally-owned work profile on Android 7: too old for a work-profile passcode reset.
    extra: { ...PLATFORM_DEFAULTS.androidWorkProfile, manufacturer: 'samsung', imei: '350123451234560' },
  }),
  device({
    id: DEMO_DEVICES.seanNotJoinedPhone, owner: byId(DEMO_USERS.seanOBrien), platform: 'windowsPhone',
    deviceName: 'SEAN-IDOL4S', model: 'IDOL 4S with Windows 10', osVersion: '10.0.15063.1418',
    lastSyncDateTime: '2026-11-23T11:45:00Z', serialNumber: 'ALC4S000123',
    extra: {
      manufacturer: 'Alcatel',
      joinType: 'azureADRegistered',
      deviceEnrollmentType: 'userEnrollment',
      managedDeviceOwnerType: 'personal',
    },
  }),
  device({
    id: DEMO_DEVICES.seanMac, owner: byId(DEMO_USERS.seanOBrien), platform: 'mac',
    deviceName: 'SEAN-MBP', model: 'MacBook Pro (14-inch, 2024)', osVersion: '15.1.1',
    lastSyncDateTime: '2026-11-25T05:30:00Z', serialNumber: 'C02FK1ABMD6T',
  }),
  device({
    id: DEMO_DEVICES.taroPhone1, owner: byId(DEMO_USERS.taroYamada), platform: 'windowsPhone',
    deviceName: 'YAMADA-950XL', model: 'Lumia 950 XL', osVersion: '10.0.15254.603',
    lastSyncDateTime: '2026-11-25T08:10:00Z', serialNumber: '3344556677',
    extra: { imei: '359123456789012' },
  }),
  device({
    id: DEMO_DEVICES.taroPhone2, owner: byId(DEMO_USERS.taroYamada), platform: 'windowsPhone',
    deviceName: 'YAMADA-ELITEX3', model: 'HP Elite x3', osVersion: '10.0.15063.1418',
    lastSyncDateTime: '2026-11-24T23:05:00Z', serialNumber: 'CND7401ZX3',
    extra: { manufacturer: 'HP', imei: '359987654321098' },
  }),
  device({
    id: DEMO_DEVICES.taroIpad, owner: byId(DEMO_USERS.taroYamada), platform: 'iPad',
    deviceName: '太郎のiPad', model: 'iPad Air (5th generation)', osVersion: '18.1',
    lastSyncDateTime: '2026-11-25T01:15:00Z', serialNumber: 'DMPHK2ABQ1GC',
    extra: { deviceEnrollmentType: 'appleAccountDrivenUserEnrollment', managedDeviceOwnerType: 'personal', isSupervised: false },
  }),
  device({
    id: DEMO_DEVICES.marcoDesktop, owner: byId(DEMO_USERS.marcoRossi), platform: 'windowsPc',
    deviceName: 'MIL-FIN-0042', model: 'OptiPlex 7090', osVersion: '10.0.19045.5247',
    lastSyncDateTime: '2026-11-25T07:55:00Z', serialNumber: '7XK9QH3',
    extra: { manufacturer: 'Dell Inc.', chassisType: 'desktop' },
  }),
  device({
    id: DEMO_DEVICES.emmaFailingPhone, owner: byId(DEMO_USERS.emmaWilson), platform: 'windowsPhone',
    deviceName: 'EMMA-LUMIA', model: 'Lumia 950', osVersion: '10.0.15063.1266',
    lastSyncDateTime: '2026-11-25T06:40:00Z', serialNumber: '9988776655',
    extra: { imei: '356938035600001', resetBehaviour: { outcome: 'failed', errorCode: -2016345060 } },
  }),
  device({
    id: DEMO_DEVICES.oliverOutOfScopePhone, owner: byId(DEMO_USERS.oliverBrown), platform: 'windowsPhone',
    deviceName: 'SYD-FS-LUMIA07', model: 'Lumia 950', osVersion: '10.0.15063.1418',
    lastSyncDateTime: '2026-11-25T04:50:00Z', serialNumber: '5566778899',
    extra: { imei: '356938035600002' },
  }),
  device({
    id: DEMO_DEVICES.hanaIphone, owner: byId(DEMO_USERS.hanaSuzuki), platform: 'iPhone',
    deviceName: "Hana's iPhone", model: 'iPhone 14', osVersion: '18.1.1',
    lastSyncDateTime: '2026-11-25T08:20:00Z', serialNumber: 'G6TZL1ABN72J',
  }),
  device({
    id: DEMO_DEVICES.renPixel, owner: byId(DEMO_USERS.renTanaka), platform: 'androidWorkProfile',
    deviceName: 'REN-PIXEL8', model: 'Pixel 8', osVersion: '15',
    lastSyncDateTime: '2026-11-25T07:35:00Z', serialNumber: '38121FDJH00ABC',
    extra: { manufacturer: 'Google', imei: '352001110000151' },
  }),
  device({
    id: DEMO_DEVICES.renOldAndroidAdmin, owner: byId(DEMO_USERS.renTanaka), platform: 'androidDeviceAdmin',
    deviceName: 'REN-XPERIA', model: 'Xperia 10', osVersion: '9',
    lastSyncDateTime: '2026-10-02T09:10:00Z', serialNumber: 'QV7100ABCD',
    extra: { manufacturer: 'Sony' },
  }),
  device({
    id: DEMO_DEVICES.renOldWorkProfile, owner: byId(DEMO_USERS.renTanaka), platform: 'androidWorkProfile',
    deviceName: 'REN-NEXUS', model: 'Nexus 5X', osVersion: '7.1.2',
    lastSyncDateTime: '2026-09-14T12:00:00Z', serialNumber: '00B7A1C2D3',
    extra: { manufacturer: 'LGE' },
  }),
  device({
    id: DEMO_DEVICES.ninaIphone, owner: byId(DEMO_USERS.ninaBerg), platform: 'iPhone',
    deviceName: 'NINA-IPHONE', model: 'iPhone 16', osVersion: '18.2',
    lastSyncDateTime: '2026-11-25T08:05:00Z', serialNumber: 'H7QPL2ABN81K',
    extra: { imei: '353918116700018' },
  }),
  device({
    id: DEMO_DEVICES.ninaIpadUserEnrollment, owner: byId(DEMO_USERS.ninaBerg), platform: 'iPad',
    deviceName: 'NINA-IPAD', model: 'iPad mini (A17 Pro)', osVersion: '18.2',
    lastSyncDateTime: '2026-11-24T20:40:00Z', serialNumber: 'J9RQM3ABP92L',
    extra: { deviceEnrollmentType: 'appleUserEnrollment', managedDeviceOwnerType: 'personal', isSupervised: false },
  }),
  device({
    id: DEMO_DEVICES.lucasLaptop, owner: byId(DEMO_USERS.lucasMeyer), platform: 'windowsPc',
    deviceName: 'BER-ENG-0117', model: 'ThinkPad X1 Carbon Gen 12', osVersion: '10.0.26100.2314',
    lastSyncDateTime: '2026-11-25T07:58:00Z', serialNumber: 'PF4XYZ12',
    extra: { manufacturer: 'LENOVO' },
  }),
  device({
    id: DEMO_DEVICES.sofiaFullyManaged, owner: byId(DEMO_USERS.sofiaGarcia), platform: 'androidDeviceOwner',
    deviceName: 'MAD-FS-GALAXY03', model: 'Galaxy XCover7', osVersion: '14',
    lastSyncDateTime: '2026-11-25T06:20:00Z', serialNumber: 'R9TX30FGHIJ',
    extra: { manufacturer: 'samsung', imei: '350123451200021', resetBehaviour: { outcome: 'failed', errorCode: -2016345060 } },
  }),
  device({
    id: DEMO_DEVICES.kaiKiosk, owner: byId(DEMO_USERS.kaiMuller), platform: 'androidDeviceOwner',
    deviceName: 'HAM-KIOSK-01', model: 'Galaxy Tab Active5', osVersion: '14',
    lastSyncDateTime: '2026-11-25T07:00:00Z', serialNumber: 'R52X40KLMNO',
    extra: { manufacturer: 'samsung', chassisType: 'tablet', deviceEnrollmentType: 'androidEnterpriseDedicatedDevice' },
  }),
  device({
    id: DEMO_DEVICES.kaiAospHeadset, owner: byId(DEMO_USERS.kaiMuller), platform: 'androidAosp',
    deviceName: 'HAM-REALWEAR-02', model: 'Navigator 520', osVersion: '11',
    lastSyncDateTime: '2026-11-25T06:45:00Z', serialNumber: 'RW52000123',
    extra: { manufacturer: 'RealWear' },
  }),
  device({
    id: DEMO_DEVICES.kaiAospUserless, owner: byId(DEMO_USERS.kaiMuller), platform: 'androidAosp',
    deviceName: 'HAM-SCANNER-07', model: 'TC58', osVersion: '13',
    lastSyncDateTime: '2026-11-25T05:10:00Z', serialNumber: 'ZB58000777',
    extra: { manufacturer: 'Zebra', deviceEnrollmentType: 'androidAOSPUserlessDeviceEnrollment' },
  }),
  device({
    id: DEMO_DEVICES.kaiCorporateWorkProfile, owner: byId(DEMO_USERS.kaiMuller), platform: 'android',
    deviceName: 'KAI-GALAXY-S24', model: 'Galaxy S24', osVersion: '14',
    lastSyncDateTime: '2026-11-25T07:50:00Z', serialNumber: 'R5CX10KAI24',
    extra: { manufacturer: 'samsung' },
  }),
  device({
    id: DEMO_DEVICES.kaiVisionPro, owner: byId(DEMO_USERS.kaiMuller), platform: 'visionPro',
    deviceName: 'KAI-VISIONPRO', model: 'Apple Vision Pro', osVersion: '2.1',
    lastSyncDateTime: '2026-11-24T18:30:00Z', serialNumber: 'K1VP00AB12',
  }),
  device({
    id: DEMO_DEVICES.kaiUnknownEnrollment, owner: byId(DEMO_USERS.kaiMuller), platform: 'android',
    deviceName: 'HAM-RUGGED-09', model: 'CT45', osVersion: '13',
    lastSyncDateTime: '2026-11-23T14:05:00Z', serialNumber: 'HW45000909',
    // An enrollment type newer than this bot knows: listed as unknown, never guessed.
    extra: { manufacturer: 'Honeywell', deviceEnrollmentType: 'androidEnterpriseDeviceOwnerNext' },
  }),
];

/** The demo tenant seed. Treat as read-only: the simulator deep-copies it. */
export const DEMO_TENANT: TenantSeed = {
  tenantId: DEMO_TENANT_ID,
  displayName: 'Contoso',
  domains: ['contoso.com', 'contoso.onmicrosoft.com'],
  app: {
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    displayName: 'Passcode Desk',
    delegatedPermissions: [
      'User.Read',
      'User.Read.All',
      'GroupMember.Read.All',
      'DeviceManagementManagedDevices.Read.All',
      'DeviceManagementManagedDevices.PrivilegedOperations.All',
      'DeviceManagementConfiguration.ReadWrite.All',
      'Application.Read.All',
    ],
    applicationPermissions: [
      'User.Read.All',
      'GroupMember.Read.All',
      'DeviceManagementManagedDevices.Read.All',
      // The readiness check from the terminal (`npm run doctor`) reads these app-only.
      'Application.Read.All',
      'Organization.Read.All',
      'DeviceManagementConfiguration.Read.All',
    ],
  },
  adminConsentGranted: true,
  users,
  groups: [
    { id: DEMO_HELPDESK_GROUP_ID, displayName: 'Helpdesk', description: 'Agents who may reset device passcodes' },
    { id: DEMO_HELPDESK_ADMIN_GROUP_ID, displayName: 'Helpdesk Admins', description: 'Run the readiness check and manage the PIN reset policy' },
    { id: ALL_STAFF_GROUP_ID, displayName: 'All Staff', description: null },
  ],
  devices,
  readiness: demoReadiness(ALL_STAFF_GROUP_ID),
};
