import { strict as assert } from 'node:assert';
import { androidPasscodeKinds } from '../../../../src/domain/readiness/android-passcode-rules';
import type { AndroidPasscodeKind, AndroidPasswordSettings } from '../../../../src/domain/readiness/model';

const type = (name: string): string => `#microsoft.graph.${name}`;

describe('what counts as an Android passcode requirement', () => {
  const table: Array<[string, string, AndroidPasswordSettings, AndroidPasscodeKind[]]> = [
    ['a fully managed profile with a numeric device password', 'androidDeviceOwnerGeneralDeviceConfiguration', { passwordRequiredType: 'numeric' }, ['devicePasscode']],
    ['a device owner profile requiring any password ("required")', 'androidDeviceOwnerGeneralDeviceConfiguration', { passwordRequiredType: 'required' }, ['devicePasscode']],
    [
      'a corporate-owned work profile with a work-profile password only',
      'androidDeviceOwnerGeneralDeviceConfiguration',
      { passwordRequiredType: 'deviceDefault', workProfilePasswordRequiredType: 'numericComplex' },
      ['workProfilePassword'],
    ],
    [
      'a device owner profile requiring both',
      'androidDeviceOwnerGeneralDeviceConfiguration',
      { passwordRequiredType: 'alphanumeric', workProfilePasswordRequiredType: 'numeric' },
      ['devicePasscode', 'workProfilePassword'],
    ],
    ['a device owner profile left to the device default', 'androidDeviceOwnerGeneralDeviceConfiguration', { passwordRequiredType: 'deviceDefault', workProfilePasswordRequiredType: 'deviceDefault' }, []],
    ['an AOSP profile with a password', 'aospDeviceOwnerDeviceConfiguration', { passwordRequiredType: 'numericComplex' }, ['devicePasscode']],
    ['a work-profile profile with a work-profile password type', 'androidWorkProfileGeneralDeviceConfiguration', { workProfilePasswordRequiredType: 'atLeastNumeric' }, ['workProfilePassword']],
    ['a work-profile profile with Android 12 complexity', 'androidWorkProfileGeneralDeviceConfiguration', { workProfileRequiredPasswordComplexity: 'medium' }, ['workProfilePassword']],
    [
      "a work-profile profile requiring only the personal side's device password",
      'androidWorkProfileGeneralDeviceConfiguration',
      { passwordRequiredType: 'atLeastNumeric', workProfilePasswordRequiredType: 'deviceDefault', workProfileRequiredPasswordComplexity: 'none' },
      [],
    ],
    ['a corporate compliance policy requiring a password', 'androidDeviceOwnerCompliancePolicy', { passwordRequired: true }, ['devicePasscode']],
    ['a corporate compliance policy not requiring one', 'androidDeviceOwnerCompliancePolicy', { passwordRequired: false, passwordRequiredType: 'deviceDefault' }, []],
    ['an AOSP compliance policy requiring a password', 'aospDeviceOwnerCompliancePolicy', { passwordRequired: true }, ['devicePasscode']],
    ['a work-profile compliance policy requiring a work-profile password', 'androidWorkProfileCompliancePolicy', { workProfileRequirePassword: true }, ['workProfilePassword']],
    ['a work-profile compliance policy requiring only the device password', 'androidWorkProfileCompliancePolicy', { passwordRequired: true, workProfileRequirePassword: false }, []],
    ['an iOS passcode profile', 'iosGeneralDeviceConfiguration', { passwordRequiredType: 'numeric' }, []],
  ];

  for (const [name, odataType, androidPassword, kinds] of table) {
    it(`${name}: ${kinds.length ? kinds.join(' + ') : 'nothing'}`, () => {
      assert.deepEqual(androidPasscodeKinds({ odataType: type(odataType), androidPassword }), kinds);
    });
  }

  it('the type is matched whatever its case', () => {
    assert.deepEqual(androidPasscodeKinds({ odataType: '#microsoft.graph.AndroidDeviceOwnerGeneralDeviceConfiguration', androidPassword: { passwordRequiredType: 'numeric' } }), ['devicePasscode']);
  });

  it('an Android policy without password settings requires nothing', () => {
    assert.deepEqual(androidPasscodeKinds({ odataType: type('androidDeviceOwnerGeneralDeviceConfiguration') }), []);
  });
});
