import assert from 'node:assert/strict';
import { evaluateDevice, evaluateDevices, isVersionAtLeast } from '../../../../src/domain/eligibility/evaluate';
import { DEFAULT_RULES, withRemovalTurnedOff } from '../../../../src/domain/eligibility/rules';
import type { EligibilityRule } from '../../../../src/domain/eligibility/rules';
import type { EligibilityVerdict } from '../../../../src/domain/eligibility/types';
import type { ManagedDevice } from '../../../../src/domain/model';
import {
  androidWorkProfile,
  iPhone,
  mac,
  windows10Mobile,
  windowsFromV1,
  windowsPc,
} from '../../../fakes';

interface Case {
  name: string;
  device: ManagedDevice;
  expected: Partial<EligibilityVerdict>;
}

const cases: Case[] = [
  {
    name: 'a Windows 10 Mobile phone on Creators Update, Azure AD joined, gets a new passcode',
    device: windows10Mobile(),
    expected: { eligible: true, ruleId: 'windows10Mobile', platform: 'Windows 10 Mobile', outcome: 'newPasscode' },
  },
  {
    name: 'a winMO6 phone on a later build is eligible',
    device: windows10Mobile({ deviceType: 'winMO6', osVersion: '10.0.15254.603' }),
    expected: { eligible: true, ruleId: 'windows10Mobile' },
  },
  {
    name: 'a nokia phone is eligible',
    device: windows10Mobile({ deviceType: 'nokia', chassisType: 'unknown' }),
    expected: { eligible: true, ruleId: 'windows10Mobile' },
  },
  {
    name: 'a phone told only by chassisType is eligible',
    device: windowsFromV1({ chassisType: 'phone' }),
    expected: { eligible: true, ruleId: 'windows10Mobile' },
  },
  {
    name: 'Azure AD join read from the enrollment type (windowsBulkAzureDomainJoin) counts',
    device: windows10Mobile({ joinType: undefined, deviceEnrollmentType: 'windowsBulkAzureDomainJoin' }),
    expected: { eligible: true },
  },
  {
    name: 'Azure AD join read from the enrollment type (windowsAzureADJoinUsingDeviceAuth) counts',
    device: windows10Mobile({ joinType: undefined, deviceEnrollmentType: 'windowsAzureADJoinUsingDeviceAuth' }),
    expected: { eligible: true },
  },
  {
    name: 'a Windows 10 Mobile phone older than Creators Update is too old',
    device: windows10Mobile({ osVersion: '10.0.14393.0' }),
    expected: {
      eligible: false,
      ruleId: 'windows10Mobile',
      platform: 'Windows 10 Mobile',
      outcome: 'notSupported',
      reason: 'osTooOld',
      reasonParams: { minBuild: '10.0.15063', osVersion: '10.0.14393.0' },
    },
  },
  {
    name: 'a phone whose version cannot be read is not taken as recent enough',
    device: windows10Mobile({ osVersion: 'unknown' }),
    expected: { eligible: false, reason: 'osTooOld' },
  },
  {
    name: 'a Windows 10 Mobile phone that is only Azure AD registered is not joined',
    device: windows10Mobile({ joinType: 'azureADRegistered', deviceEnrollmentType: 'userEnrollment' }),
    expected: { eligible: false, ruleId: 'windows10Mobile', reason: 'notAzureAdJoined' },
  },
  {
    name: 'a Windows 10/11 PC is not reset: its user resets the Windows Hello PIN',
    device: windowsPc(),
    expected: { eligible: false, ruleId: 'windows', platform: 'Windows 10/11', outcome: 'notSupported', reason: 'windowsHello' },
  },
  {
    name: 'a Windows PC on build 15063, Azure AD joined, is still not reset',
    device: windowsPc({ osVersion: '10.0.15063.0', chassisType: 'desktop', deviceType: 'desktop' }),
    expected: { eligible: false, ruleId: 'windows', reason: 'windowsHello' },
  },
  {
    name: 'a Windows device read from v1.0 cannot be told phone or PC, even on build 15063',
    device: windowsFromV1(),
    expected: { eligible: false, ruleId: 'windowsKindUnknown', platform: 'Windows', reason: 'deviceTypeUnknown' },
  },
  {
    name: 'a Windows device whose deviceType and chassisType say unknown is deviceTypeUnknown',
    device: windows10Mobile({ deviceType: 'unknown', chassisType: 'unknown' }),
    expected: { eligible: false, ruleId: 'windowsKindUnknown', reason: 'deviceTypeUnknown' },
  },
  {
    name: 'an iPhone enrolled through ADE has its passcode removed',
    device: iPhone(),
    expected: { eligible: true, ruleId: 'ios', platform: 'iOS/iPadOS', outcome: 'passcodeRemoved' },
  },
  {
    name: 'an iPad reporting iPadOS, enrolled without a user (ADE), has its passcode removed',
    device: iPhone({ operatingSystem: 'iPadOS', deviceType: 'iPad', chassisType: 'tablet', deviceEnrollmentType: 'appleBulkWithoutUser' }),
    expected: { eligible: true, ruleId: 'ios', outcome: 'passcodeRemoved' },
  },
  {
    name: 'an iPhone enrolled by the user through the Company Portal (device enrollment) has its passcode removed',
    device: iPhone({ deviceEnrollmentType: 'userEnrollment' }),
    expected: { eligible: true, ruleId: 'ios', outcome: 'passcodeRemoved' },
  },
  {
    name: 'an iPhone enrolled with a device enrollment manager account has its passcode removed',
    device: iPhone({ deviceEnrollmentType: 'deviceEnrollmentManager' }),
    expected: { eligible: true, ruleId: 'ios', outcome: 'passcodeRemoved' },
  },
  {
    name: 'operating system iOS matches whatever its case',
    device: iPhone({ operatingSystem: 'IOS' }),
    expected: { eligible: true, ruleId: 'ios' },
  },
  {
    name: 'an iPhone with Apple User Enrollment is not supported',
    device: iPhone({ deviceEnrollmentType: 'appleUserEnrollment' }),
    expected: { eligible: false, ruleId: 'iosUserEnrollment', platform: 'iOS/iPadOS', reason: 'appleUserEnrollment' },
  },
  {
    name: 'an iPad with User Enrollment through a service account is not supported',
    device: iPhone({ operatingSystem: 'iPadOS', deviceEnrollmentType: 'appleUserEnrollmentWithServiceAccount' }),
    expected: { eligible: false, ruleId: 'iosUserEnrollment', reason: 'appleUserEnrollment' },
  },
  {
    name: 'an iPhone with account-driven User Enrollment (beta only) is not supported',
    device: iPhone({ deviceEnrollmentType: 'appleAccountDrivenUserEnrollment' }),
    expected: { eligible: false, ruleId: 'iosUserEnrollment', reason: 'appleUserEnrollment' },
  },
  {
    name: 'an iPhone whose enrollment type v1.0 could not name is unknown, never guessed',
    device: iPhone({ deviceEnrollmentType: 'unknownFutureValue' }),
    expected: {
      eligible: false,
      ruleId: 'iosUnknownEnrollment',
      reason: 'unknownEnrollmentType',
      reasonParams: { platform: 'iOS/iPadOS', enrollmentType: 'unknownFutureValue' },
    },
  },
  {
    name: 'an iPhone that reports no enrollment type is unknown',
    device: iPhone({ deviceEnrollmentType: undefined }),
    expected: { eligible: false, ruleId: 'iosUnknownEnrollment', reasonParams: { platform: 'iOS/iPadOS', enrollmentType: 'none' } },
  },
  {
    name: 'an Apple Vision Pro enrolled through ADE has its passcode removed',
    device: iPhone({ operatingSystem: 'visionOS', deviceType: 'visionOS', osVersion: '2.1' }),
    expected: { eligible: true, ruleId: 'visionOS', platform: 'visionOS', outcome: 'passcodeRemoved' },
  },
  {
    name: 'an Apple Vision Pro with account-driven User Enrollment is not supported',
    device: iPhone({ operatingSystem: 'visionOS', deviceEnrollmentType: 'appleAccountDrivenUserEnrollment' }),
    expected: { eligible: false, ruleId: 'visionOSUserEnrollment', reason: 'appleUserEnrollment' },
  },
  {
    name: 'an Apple Vision Pro with an unknown enrollment type is not guessed',
    device: iPhone({ operatingSystem: 'visionOS', deviceEnrollmentType: 'unknown' }),
    expected: { eligible: false, ruleId: 'visionOSUnknownEnrollment', reason: 'unknownEnrollmentType' },
  },
  {
    name: 'a Mac is not supported',
    device: mac(),
    expected: { eligible: false, ruleId: 'macos', platform: 'macOS', reason: 'platformNotSupported' },
  },
  {
    name: 'an Android Enterprise dedicated device gets a new device passcode',
    device: androidWorkProfile({ deviceEnrollmentType: 'androidEnterpriseDedicatedDevice' }),
    expected: { eligible: true, ruleId: 'androidDedicated', platform: 'Android Enterprise dedicated', outcome: 'newPasscode' },
  },
  {
    name: 'an Android Enterprise fully managed device gets a new work-profile passcode',
    device: androidWorkProfile({ deviceEnrollmentType: 'androidEnterpriseFullyManaged' }),
    expected: { eligible: true, ruleId: 'androidFullyManaged', outcome: 'newWorkProfilePasscode' },
  },
  {
    name: 'an Android Enterprise corporate-owned work profile gets a new work-profile passcode',
    device: androidWorkProfile(),
    expected: {
      eligible: true,
      ruleId: 'androidCorporateWorkProfile',
      platform: 'Android Enterprise corporate-owned work profile',
      outcome: 'newWorkProfilePasscode',
    },
  },
  {
    name: 'a corporate-owned work profile on Android 7.1 is too old',
    device: androidWorkProfile({ osVersion: '7.1.2' }),
    expected: { eligible: false, ruleId: 'androidCorporateWorkProfile', reason: 'osTooOld', reasonParams: { minBuild: '8.0', osVersion: '7.1.2' } },
  },
  {
    name: 'a personally-owned work profile (androidForWork with userEnrollment) gets a new work-profile passcode',
    device: androidWorkProfile({ deviceType: 'androidForWork', deviceEnrollmentType: 'userEnrollment', managedDeviceOwnerType: 'personal' }),
    expected: {
      eligible: true,
      ruleId: 'androidPersonalWorkProfile',
      platform: 'Android Enterprise personally-owned work profile',
      outcome: 'newWorkProfilePasscode',
    },
  },
  {
    name: 'a personally-owned work profile that reports no enrollment type is still a work profile',
    device: androidWorkProfile({ deviceType: 'androidForWork', deviceEnrollmentType: undefined }),
    expected: { eligible: true, ruleId: 'androidPersonalWorkProfile' },
  },
  {
    name: 'a personally-owned work profile on Android 7.0 is too old (reset tokens need 8.0)',
    device: androidWorkProfile({ deviceType: 'androidForWork', deviceEnrollmentType: 'userEnrollment', osVersion: '7.0' }),
    expected: { eligible: false, ruleId: 'androidPersonalWorkProfile', reason: 'osTooOld' },
  },
  {
    name: 'an AOSP user-owned device gets a new device passcode',
    device: androidWorkProfile({ deviceEnrollmentType: 'androidAOSPUserOwnedDeviceEnrollment', managementAgent: 'intuneAosp' }),
    expected: { eligible: true, ruleId: 'androidAosp', platform: 'Android (AOSP)', outcome: 'newPasscode' },
  },
  {
    name: 'an AOSP userless device gets a new device passcode',
    device: androidWorkProfile({ deviceEnrollmentType: 'androidAOSPUserlessDeviceEnrollment' }),
    expected: { eligible: true, ruleId: 'androidAosp', outcome: 'newPasscode' },
  },
  {
    name: 'an AOSP device read from v1.0 (unknownFutureValue) is still told by its management agent',
    device: androidWorkProfile({ deviceEnrollmentType: 'unknownFutureValue', managementAgent: 'intuneAosp' }),
    expected: { eligible: true, ruleId: 'androidAosp' },
  },
  {
    name: 'an Android device administrator phone is not supported',
    device: androidWorkProfile({ deviceType: 'android', deviceEnrollmentType: 'userEnrollment', osVersion: '9' }),
    expected: { eligible: false, ruleId: 'androidDeviceAdministrator', platform: 'Android device administrator', reason: 'androidDeviceAdministrator' },
  },
  {
    name: 'an Android Enterprise device read from v1.0 (unknownFutureValue) is an unknown enrollment type, never a guess',
    device: androidWorkProfile({ deviceEnrollmentType: 'unknownFutureValue' }),
    expected: {
      eligible: false,
      ruleId: 'androidUnknownEnrollment',
      reason: 'unknownEnrollmentType',
      reasonParams: { platform: 'Android', enrollmentType: 'unknownFutureValue' },
    },
  },
  {
    name: 'an Android enrollment type newer than the table is unknown',
    device: androidWorkProfile({ deviceEnrollmentType: 'androidEnterpriseDeviceOwnerNext' }),
    expected: { eligible: false, ruleId: 'androidUnknownEnrollment', reasonParams: { platform: 'Android', enrollmentType: 'androidEnterpriseDeviceOwnerNext' } },
  },
  {
    name: 'operating systems that start with Android (AndroidForWork, AndroidEnterprise) are Android',
    device: androidWorkProfile({ operatingSystem: 'AndroidForWork', deviceEnrollmentType: 'androidEnterpriseDedicatedDevice' }),
    expected: { eligible: true, ruleId: 'androidDedicated' },
  },
  {
    name: 'an operating system no row knows is an unknown platform',
    device: mac({ operatingSystem: 'Linux', osVersion: '6.8' }),
    expected: {
      eligible: false,
      ruleId: 'unmatched',
      platform: 'Linux',
      reason: 'unknownPlatform',
      reasonParams: { operatingSystem: 'Linux' },
    },
  },
  {
    name: 'a device without an operating system is an unknown platform',
    device: mac({ operatingSystem: '' }),
    expected: { eligible: false, ruleId: 'unmatched', platform: 'unknown', reason: 'unknownPlatform' },
  },
  {
    name: 'operating system names match whatever their case',
    device: windows10Mobile({ operatingSystem: 'WINDOWS', deviceType: 'WindowsPhone' }),
    expected: { eligible: true, ruleId: 'windows10Mobile' },
  },
];

describe('eligibility table (the seed\'s rows and today\'s platforms)', () => {
  for (const { name, device, expected } of cases) {
    it(name, () => {
      const verdict = evaluateDevice(device);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(verdict[key as keyof EligibilityVerdict], value, `${key} of ${JSON.stringify(verdict)}`);
      }
      if (!verdict.eligible) assert.equal(verdict.outcome, 'notSupported');
      if (verdict.eligible) assert.equal(verdict.reason, undefined);
    });
  }

  it('every row of the default table is exercised above', () => {
    const decided = new Set(cases.map((c) => evaluateDevice(c.device).ruleId));
    for (const row of DEFAULT_RULES) assert.ok(decided.has(row.id), `row ${row.id} has no test`);
  });

  it('lists eligible devices first, then by name', () => {
    const options = evaluateDevices([
      windowsPc({ deviceName: 'b-pc' }),
      iPhone({ deviceName: 'A-iphone', deviceEnrollmentType: 'appleUserEnrollment' }),
      windows10Mobile({ deviceName: 'Z-phone' }),
      windows10Mobile({ deviceName: 'c-phone' }),
    ]);
    assert.deepEqual(
      options.map((o) => [o.device.deviceName, o.verdict.eligible]),
      [
        ['c-phone', true],
        ['Z-phone', true],
        ['A-iphone', false],
        ['b-pc', false],
      ],
    );
  });

  it('a deployment adapts the table by data: a row of its own decides before the defaults', () => {
    const own: EligibilityRule[] = [
      {
        id: 'noKiosks',
        platform: 'Kiosk',
        match: { allOf: [{ property: 'deviceEnrollmentType', oneOf: ['androidEnterpriseDedicatedDevice'] }] },
        conditions: [],
        outcome: 'notSupported',
      },
      ...DEFAULT_RULES,
    ];
    const kiosk = androidWorkProfile({ deviceEnrollmentType: 'androidEnterpriseDedicatedDevice' });
    assert.equal(evaluateDevice(kiosk).eligible, true);
    assert.deepEqual(evaluateDevice(kiosk, own), {
      eligible: false,
      ruleId: 'noKiosks',
      platform: 'Kiosk',
      outcome: 'notSupported',
      reason: 'platformNotSupported',
      reasonParams: { platform: 'Kiosk', enrollmentType: 'androidEnterpriseDedicatedDevice' },
    });
  });

  it('with removal turned off (PASSCODE_REMOVAL=deny), iPhones and Vision Pros are listed as turned off; Android still resets', () => {
    const table = withRemovalTurnedOff(DEFAULT_RULES);
    assert.deepEqual(evaluateDevice(iPhone(), table), {
      eligible: false,
      ruleId: 'ios',
      platform: 'iOS/iPadOS',
      outcome: 'notSupported',
      reason: 'removalTurnedOff',
      reasonParams: { platform: 'iOS/iPadOS', enrollmentType: 'appleBulkWithUser' },
    });
    assert.equal(evaluateDevice(iPhone({ operatingSystem: 'visionOS' }), table).reason, 'removalTurnedOff');
    assert.equal(evaluateDevice(androidWorkProfile(), table).outcome, 'newWorkProfilePasscode');
    assert.equal(evaluateDevice(windows10Mobile(), table).outcome, 'newPasscode');
    assert.ok(!table.some((row) => row.outcome === 'passcodeRemoved'));
  });
});

describe('isVersionAtLeast', () => {
  it('compares dotted versions part by part as numbers', () => {
    assert.equal(isVersionAtLeast('10.0.15063.1418', '10.0.15063'), true);
    assert.equal(isVersionAtLeast('10.0.15063', '10.0.15063'), true);
    assert.equal(isVersionAtLeast('10.0.9999.0', '10.0.15063'), false);
    assert.equal(isVersionAtLeast('10.0.14393', '10.0.15063'), false);
    assert.equal(isVersionAtLeast('11.0.1', '10.0.15063'), true);
    assert.equal(isVersionAtLeast('10.0', '10.0.15063'), false);
  });

  it('gives no answer for something that is not a version', () => {
    assert.equal(isVersionAtLeast('', '10.0.15063'), undefined);
    assert.equal(isVersionAtLeast('10.0.x', '10.0.15063'), undefined);
  });
});
