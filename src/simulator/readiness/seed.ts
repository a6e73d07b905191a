import type {
  AndroidDeviceOwnerCompliancePolicy,
  AndroidDeviceOwnerGeneralDeviceConfiguration,
  AndroidDeviceOwnerRequiredPasswordType,
  AndroidWorkProfileCompliancePolicy,
  AndroidWorkProfileGeneralDeviceConfiguration,
  AndroidWorkProfileRequiredPasswordType,
} from '@microsoft/microsoft-graph-types-beta';
import type {
  SimAssignment,
  SimCompliancePolicy,
  SimConfigurationPolicy,
  SimDeviceConfiguration,
  SimIntent,
  SimReadinessState,
  SimServicePrincipal,
} from './types';

/**
 * Building blocks of readiness state, in Graph's own shapes: the demo tenant uses them, and tests
 * put a tenant in each state (apps missing, policy from each source, unassigned…) with them.
 */

/** Microsoft's own tenant, owner of first-party apps such as the PIN reset apps. */
const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const CREATED = '2025-02-03T10:00:00Z';

export const PIN_RESET_SERVICE_APP_ID = 'b8456c59-1230-44c7-a4a2-99b085333e84';
export const PIN_RESET_CLIENT_APP_ID = '9115dd05-fad5-4f9c-acc7-305d08b1b04e';

export const PIN_RESET_SERVICE: SimServicePrincipal = {
  id: '7a1c2e40-0000-4000-8000-0000000000a1',
  appId: PIN_RESET_SERVICE_APP_ID,
  displayName: 'Microsoft Pin Reset Service Production',
  appOwnerOrganizationId: MICROSOFT_TENANT_ID,
};

export const PIN_RESET_CLIENT: SimServicePrincipal = {
  id: '7a1c2e40-0000-4000-8000-0000000000a2',
  appId: PIN_RESET_CLIENT_APP_ID,
  displayName: 'Microsoft Pin Reset Client Production',
  appOwnerOrganizationId: MICROSOFT_TENANT_ID,
};

/** Assignment targets as Intune stores them. */
export function groupAssignment(policyId: string, groupId: string): SimAssignment {
  return { id: `${policyId}_${groupId}`, target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId } };
}

export function allDevicesAssignment(policyId: string): SimAssignment {
  return { id: `${policyId}_allDevicesAssignmentTarget`, target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } };
}

/** The seed's Windows 10 custom configuration: EnablePinRecovery = true for the tenant. */
export function customPinRecoveryConfiguration(id: string, tenantId: string, assignments: SimAssignment[] = [], displayName = 'Windows PIN recovery'): SimDeviceConfiguration {
  return {
    '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
    id,
    displayName,
    description: 'PassportForWork EnablePinRecovery',
    version: 1,
    createdDateTime: CREATED,
    lastModifiedDateTime: CREATED,
    assignments,
    properties: {
      omaSettings: [
        {
          '@odata.type': '#microsoft.graph.omaSettingBoolean',
          displayName: 'EnablePinRecovery',
          description: null,
          omaUri: `./Device/Vendor/MSFT/PassportForWork/${tenantId}/Policies/EnablePinRecovery`,
          value: true,
        },
      ],
    },
  };
}

/** An Identity protection profile (beta-only type) with PIN recovery on. */
export function identityProtectionProfile(id: string, assignments: SimAssignment[] = [], displayName = 'Windows Hello for Business'): SimDeviceConfiguration {
  return {
    '@odata.type': '#microsoft.graph.windowsIdentityProtectionConfiguration',
    id,
    displayName,
    description: null,
    version: 3,
    createdDateTime: CREATED,
    lastModifiedDateTime: CREATED,
    assignments,
    properties: {
      useSecurityKeyForSignin: false,
      enhancedAntiSpoofingForFacialFeaturesEnabled: true,
      pinMinimumLength: 6,
      pinMaximumLength: 127,
      pinUppercaseCharactersUsage: 'notConfigured',
      pinLowercaseCharactersUsage: 'notConfigured',
      pinSpecialCharactersUsage: 'notConfigured',
      pinExpirationInDays: 0,
      pinPreviousBlockCount: 0,
      pinRecoveryEnabled: true,
      securityDeviceRequired: true,
      unlockWithBiometricsEnabled: true,
      useCertificatesForOnPremisesAuthEnabled: false,
      windowsHelloForBusinessBlocked: false,
    },
  };
}

/** An endpoint security Account protection profile with pinRecoveryEnabled. */
export function accountProtectionIntent(id: string, assignments: SimAssignment[] = [], displayName = 'Account protection'): SimIntent {
  const setting = (settingId: string, name: string, value: boolean | number): Record<string, unknown> => ({
    '@odata.type': typeof value === 'boolean' ? '#microsoft.graph.deviceManagementBooleanSettingInstance' : '#microsoft.graph.deviceManagementIntegerSettingInstance',
    id: settingId,
    definitionId: `deviceConfiguration--windowsIdentityProtectionConfiguration_${name}`,
    valueJson: JSON.stringify(value),
    value,
  });
  return {
    id,
    displayName,
    description: '',
    templateId: '0f2b5d70-d4e9-4156-8c16-1397eb6c54a5',
    createdDateTime: CREATED,
    lastModifiedDateTime: CREATED,
    assignments,
    settings: [
      setting('c1a1a1a1-0000-4000-8000-000000000001', 'windowsHelloForBusinessBlocked', false),
      setting('c1a1a1a1-0000-4000-8000-000000000002', 'pinMinimumLength', 6),
      setting('c1a1a1a1-0000-4000-8000-000000000003', 'pinRecoveryEnabled', true),
    ],
  };
}

/** A Settings catalog policy with PassportForWork "Enable Pin Recovery" = true, nested as Intune nests it. */
export function settingsCatalogPinRecovery(id: string, assignments: SimAssignment[] = [], name = 'Windows Hello for Business (catalog)'): SimConfigurationPolicy {
  const root = 'device_vendor_msft_passportforwork_{tenantid}';
  const choice = (settingDefinitionId: string, value: string): Record<string, unknown> => ({
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
    settingDefinitionId,
    settingInstanceTemplateReference: null,
    choiceSettingValue: { settingValueTemplateReference: null, value, children: [] },
  });
  return {
    id,
    name,
    description: '',
    platforms: 'windows10',
    technologies: 'mdm',
    createdDateTime: CREATED,
    lastModifiedDateTime: CREATED,
    assignments,
    settings: [
      {
        id: '0',
        settingInstance: {
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance',
          settingDefinitionId: root,
          settingInstanceTemplateReference: null,
          groupSettingCollectionValue: [
            {
              settingValueTemplateReference: null,
              children: [
                choice(`${root}_policies_usepassportforwork`, `${root}_policies_usepassportforwork_true`),
                choice(`${root}_policies_enablepinrecovery`, `${root}_policies_enablepinrecovery_true`),
              ],
            },
          ],
        },
      },
    ],
  };
}

/** Profiles every tenant has that say nothing about PIN recovery (the check must skip them). */
export function unrelatedProfiles(): SimDeviceConfiguration[] {
  return [
    {
      '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
      id: '3c0ffee0-0000-4000-8000-0000000000c1',
      displayName: 'Windows - Disable consumer features',
      description: null,
      version: 2,
      createdDateTime: CREATED,
      lastModifiedDateTime: CREATED,
      assignments: [],
      properties: {
        omaSettings: [
          {
            '@odata.type': '#microsoft.graph.omaSettingInteger',
            displayName: 'AllowWindowsConsumerFeatures',
            description: null,
            omaUri: './Device/Vendor/MSFT/Policy/Config/Experience/AllowWindowsConsumerFeatures',
            value: 0,
          },
        ],
      },
    },
    {
      '@odata.type': '#microsoft.graph.iosGeneralDeviceConfiguration',
      id: '3c0ffee0-0000-4000-8000-0000000000c2',
      displayName: 'iOS - Passcode',
      description: null,
      version: 1,
      createdDateTime: CREATED,
      lastModifiedDateTime: CREATED,
      assignments: [],
      properties: { passcodeRequired: true, passcodeMinimumLength: 6 },
    },
  ];
}

/** An Intune policy of the profile / compliance shape with the bookkeeping every one has. */
function intunePolicy(type: string, id: string, displayName: string, assignments: SimAssignment[], properties: Record<string, unknown>): SimDeviceConfiguration {
  return { '@odata.type': type, id, displayName, description: null, version: 1, createdDateTime: CREATED, lastModifiedDateTime: CREATED, assignments, properties };
}

/**
 * An Android Enterprise device restrictions profile for fully managed, dedicated and
 * corporate-owned work profile devices (beta-only type), with its two password settings.
 */
export function androidDeviceOwnerRestrictions(
  id: string,
  passwords: { device: AndroidDeviceOwnerRequiredPasswordType; workProfile: AndroidDeviceOwnerRequiredPasswordType },
  assignments: SimAssignment[] = [],
  displayName = 'Android Enterprise - corporate devices',
): SimDeviceConfiguration {
  const properties = {
    passwordRequiredType: passwords.device,
    passwordMinimumLength: passwords.device === 'deviceDefault' ? null : 6,
    passwordSignInFailureCountBeforeFactoryReset: null,
    workProfilePasswordRequiredType: passwords.workProfile,
    workProfilePasswordMinimumLength: passwords.workProfile === 'deviceDefault' ? null : 6,
    screenCaptureBlocked: true,
    factoryResetBlocked: true,
  } satisfies Partial<AndroidDeviceOwnerGeneralDeviceConfiguration>;
  return intunePolicy('#microsoft.graph.androidDeviceOwnerGeneralDeviceConfiguration', id, displayName, assignments, properties);
}

/** An Android Enterprise personally-owned work profile restrictions profile. */
export function androidWorkProfileRestrictions(
  id: string,
  workProfilePassword: AndroidWorkProfileRequiredPasswordType,
  assignments: SimAssignment[] = [],
  displayName = 'Android - personally-owned work profile',
): SimDeviceConfiguration {
  const properties = {
    passwordRequiredType: 'deviceDefault',
    workProfilePasswordRequiredType: workProfilePassword,
    workProfilePasswordMinimumLength: workProfilePassword === 'deviceDefault' ? null : 6,
    workProfileRequirePassword: workProfilePassword !== 'deviceDefault',
    workProfileRequiredPasswordComplexity: 'none',
    workProfileBlockScreenCapture: true,
  } satisfies Partial<AndroidWorkProfileGeneralDeviceConfiguration>;
  return intunePolicy('#microsoft.graph.androidWorkProfileGeneralDeviceConfiguration', id, displayName, assignments, properties);
}

const COMPLIANCE = {
  deviceOwner: { type: '#microsoft.graph.androidDeviceOwnerCompliancePolicy', name: 'Android Enterprise - corporate compliance' },
  workProfile: { type: '#microsoft.graph.androidWorkProfileCompliancePolicy', name: 'Android - work profile compliance' },
} as const;

/**
 * An Android compliance policy for fully managed, dedicated and corporate-owned devices
 * (`deviceOwner`, a beta-only type) or personally-owned work profiles, requiring the password
 * that kind of device is reset with, or not.
 */
export function androidCompliance(
  id: string,
  kind: keyof typeof COMPLIANCE,
  requirePassword: boolean,
  assignments: SimAssignment[] = [],
  displayName: string = COMPLIANCE[kind].name,
): SimCompliancePolicy {
  const passwords =
    kind === 'deviceOwner'
      ? ({ passwordRequired: requirePassword, passwordRequiredType: requirePassword ? 'numericComplex' : 'deviceDefault' } satisfies Partial<AndroidDeviceOwnerCompliancePolicy>)
      : ({
          passwordRequired: false,
          workProfileRequirePassword: requirePassword,
          workProfilePasswordRequiredType: requirePassword ? 'atLeastNumeric' : 'deviceDefault',
        } satisfies Partial<AndroidWorkProfileCompliancePolicy>);
  return intunePolicy(COMPLIANCE[kind].type, id, displayName, assignments, { ...passwords, osMinimumVersion: '12.0' });
}

/**
 * The demo tenant: both PIN reset apps consented, no policy enabling PIN recovery yet: the one
 * check that fails, so a demo admin can fix it from chat. On Android, the corporate profile
 * requires a work-profile password (Alice Johnson's corporate-owned work profile phone can be
 * reset) but no device passcode, which the report points out; the work-profile compliance policy
 * requires no password, so it does not count.
 */
export function demoReadiness(allStaffGroupId: string): SimReadinessState {
  const corporate = '5a0d7e11-0000-4000-8000-0000000000d1';
  const compliance = '5a0d7e11-0000-4000-8000-0000000000d2';
  return {
    servicePrincipals: [PIN_RESET_SERVICE, PIN_RESET_CLIENT],
    deviceConfigurations: [
      ...unrelatedProfiles(),
      androidDeviceOwnerRestrictions(corporate, { device: 'deviceDefault', workProfile: 'numericComplex' }, [groupAssignment(corporate, allStaffGroupId)]),
    ],
    compliancePolicies: [androidCompliance(compliance, 'workProfile', false, [groupAssignment(compliance, allStaffGroupId)])],
    intents: [],
    configurationPolicies: [],
  };
}
