import type {
  AssignmentTarget,
  CatalogSettingInfo,
  CustomConfigurationSpec,
  DeviceConfigurationInfo,
  IntentSettingInfo,
} from './model';

/**
 * How each kind of Intune policy says "PIN recovery on". Pure functions over what the gateway
 * read, so every source can be tested without a tenant.
 */

export const CUSTOM_CONFIGURATION_TYPE = '#microsoft.graph.windows10CustomConfiguration';
export const IDENTITY_PROTECTION_TYPE = '#microsoft.graph.windowsIdentityProtectionConfiguration';
/** The Account protection (Windows Hello for Business) setting of endpoint security profiles. */
export const ACCOUNT_PROTECTION_DEFINITION_ID = 'deviceConfiguration--windowsIdentityProtectionConfiguration_pinRecoveryEnabled';

/** `./Device|User/Vendor/MSFT/PassportForWork/{tenant}/Policies/EnablePinRecovery` (any case). */
const OMA_URI = /^\.\/(?:device|user)\/vendor\/msft\/passportforwork\/([^/]+)\/policies\/enablepinrecovery$/i;
/** The Settings catalog's definition id: `{tenantid}` literally, or a tenant id. */
const CATALOG_DEFINITION = /^(?:device|user)_vendor_msft_passportforwork_([^_]+)_policies_enablepinrecovery$/i;

/** What one policy does to PIN recovery: turns it on, names another tenant, or sets it off. */
export type PinRecoveryVerdict = 'enables' | 'otherTenant' | 'disabled' | undefined;

/** The seed's OMA-URI for a tenant. */
export function pinRecoveryOmaUri(tenantId: string): string {
  return `./Device/Vendor/MSFT/PassportForWork/${tenantId}/Policies/EnablePinRecovery`;
}

/** The policy the fix creates: the seed's Windows 10 custom configuration. */
export function seedPolicySpec(tenantId: string): CustomConfigurationSpec {
  return {
    displayName: 'Windows PIN recovery for passcode reset (Passcode Desk)',
    description:
      'Created by Passcode Desk: turns on PassportForWork EnablePinRecovery so that Intune can reset device passcodes.',
    omaSetting: {
      displayName: 'EnablePinRecovery',
      description: 'Use the Microsoft PIN Reset Service',
      omaUri: pinRecoveryOmaUri(tenantId),
      value: true,
    },
  };
}

/** Boolean true, or what admins type for it in a String or Integer OMA setting. */
function isOn(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

const sameTenant = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Strongest verdict first: one enabling setting is enough. */
function strongest(verdicts: PinRecoveryVerdict[]): PinRecoveryVerdict {
  for (const wanted of ['enables', 'otherTenant', 'disabled'] as const) {
    if (verdicts.includes(wanted)) return wanted;
  }
  return undefined;
}

/** A Windows 10 custom configuration with the seed's OMA-URI for this tenant set to true. */
export function customConfigurationVerdict(config: DeviceConfigurationInfo, tenantId: string): PinRecoveryVerdict {
  if (config.odataType !== CUSTOM_CONFIGURATION_TYPE) return undefined;
  return strongest(
    config.omaSettings.map((setting) => {
      const tenant = OMA_URI.exec(setting.omaUri.trim())?.[1];
      if (tenant === undefined) return undefined;
      if (!sameTenant(tenant, tenantId)) return isOn(setting.value) ? 'otherTenant' : undefined;
      return isOn(setting.value) ? 'enables' : 'disabled';
    }),
  );
}

/** An Identity protection profile with "Enable PIN recovery". */
export function identityProtectionVerdict(config: DeviceConfigurationInfo): PinRecoveryVerdict {
  if (config.odataType !== IDENTITY_PROTECTION_TYPE || config.pinRecoveryEnabled === undefined) return undefined;
  return config.pinRecoveryEnabled ? 'enables' : 'disabled';
}

/** An Account protection (endpoint security) profile with pinRecoveryEnabled. */
export function intentVerdict(settings: readonly IntentSettingInfo[]): PinRecoveryVerdict {
  return strongest(
    settings
      .filter((s) => s.definitionId.toLowerCase() === ACCOUNT_PROTECTION_DEFINITION_ID.toLowerCase())
      .map((s) => (isOn(s.value) ? 'enables' : 'disabled')),
  );
}

/** A Settings catalog policy with PassportForWork "Enable Pin Recovery" = true. */
export function catalogVerdict(settings: readonly CatalogSettingInfo[], tenantId: string): PinRecoveryVerdict {
  return strongest(
    settings.map((setting) => {
      const tenant = CATALOG_DEFINITION.exec(setting.settingDefinitionId.trim())?.[1];
      if (tenant === undefined) return undefined;
      const on = (setting.value ?? '').toLowerCase().endsWith('_true');
      if (tenant.toLowerCase() !== '{tenantid}' && !sameTenant(tenant, tenantId)) return on ? 'otherTenant' : undefined;
      return on ? 'enables' : 'disabled';
    }),
  );
}

/** Some group, all users or all devices receive it (exclusions alone do not). */
export function isAssigned(targets: readonly AssignmentTarget[]): boolean {
  return targets.some((t) => t.kind === 'group' || t.kind === 'allDevices' || t.kind === 'allUsers');
}
