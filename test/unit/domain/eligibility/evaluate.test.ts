import assert from 'node:assert/strict';
import { evaluateDevice, evaluateDevices, isVersionAtLeast } from '../../../../src/domain/eligibility/evaluate';
import { DEFAULT_RULES } from '../../../../src/domain/eligibility/rules';
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
    name: 'a Windows PC is not supported',
    device: windowsPc(),
    expected: { eligible: false, ruleId: 'windows', platform: 'Windows', outcome: 'notSupported', reason: 'platformNotSupported' },
  },
  {
    name: 'a Windows PC on build 15063, Azure AD joined, is still not supported',
    device: windowsPc({ osVersion: '10.0.15063.0', chassisType: 'desktop', deviceType: 'desktop' }),
    expected: { eligible: false, ruleId: 'windows', reason: 'platformNotSupported' },
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
    name: 'an iPhone is not supported',
    device: iPhone(),
    expected: { eligible: false, ruleId: 'ios', platform: 'iOS/iPadOS', reason: 'platformNotSupported' },
  },
  {
    name: 'an iPad reporting iPadOS is not supported',
    device: iPhone({ operatingSystem: 'iPadOS', deviceType: 'iPad', chassisType: 'tablet' }),
    expected: { eligible: false, ruleId: 'ios', reason: 'platformNotSupported' },
  },
  {
    name: 'a Mac is not supported',
    device: mac(),
    expected: { eligible: false, ruleId: 'macos', platform: 'macOS', reason: 'platformNotSupported' },
  },
  {
    name: 'an Android device is not supported',
    device: androidWorkProfile(),
    expected: { eligible: false, ruleId: 'android', platform: 'Android', reason: 'platformNotSupported' },
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

describe('eligibility table (seed rules)', () => {
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
      iPhone({ deviceName: 'A-iphone' }),
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

  it('a profile for today\'s platforms is a table change, not a code change', () => {
    const today: EligibilityRule[] = [
      {
        id: 'androidEnterpriseWorkProfile',
        platform: 'Android Enterprise',
        match: {
          allOf: [{ property: 'operatingSystem', oneOf: ['Android'] }],
          anyOf: [
            { property: 'deviceType', oneOf: ['androidEnterprise'] },
            { property: 'deviceEnrollmentType', oneOf: ['androidEnterpriseCorporateWorkProfile'] },
          ],
        },
        conditions: [{ require: 'osVersionAtLeast', version: '8', reason: 'osTooOld' }],
        outcome: 'newPasscode',
      },
      {
        id: 'iosSupervised',
        platform: 'iOS/iPadOS',
        match: { allOf: [{ property: 'operatingSystem', oneOf: ['iOS', 'iPadOS'] }] },
        conditions: [],
        outcome: 'passcodeRemoved',
      },
      ...DEFAULT_RULES.filter((row) => row.id !== 'android' && row.id !== 'ios'),
    ];

    assert.deepEqual(evaluateDevice(androidWorkProfile(), today), {
      eligible: true,
      ruleId: 'androidEnterpriseWorkProfile',
      platform: 'Android Enterprise',
      outcome: 'newPasscode',
    });
    assert.equal(evaluateDevice(androidWorkProfile({ osVersion: '7.1' }), today).reason, 'osTooOld');
    assert.equal(evaluateDevice(iPhone(), today).outcome, 'passcodeRemoved');
    assert.equal(evaluateDevice(iPhone(), today).eligible, true);
    assert.equal(evaluateDevice(windowsPc(), today).reason, 'platformNotSupported');
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
