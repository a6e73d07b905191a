import type {
  AndroidDeviceOwnerCompliancePolicy,
  AndroidDeviceOwnerGeneralDeviceConfiguration,
  AndroidWorkProfileCompliancePolicy,
  AndroidWorkProfileGeneralDeviceConfiguration,
  AospDeviceOwnerCompliancePolicy,
  AospDeviceOwnerDeviceConfiguration,
} from '@microsoft/microsoft-graph-types-beta';
import { AppError } from '../../../domain/errors';
import type {
  AndroidPasswordSettings,
  AssignmentTarget,
  CatalogSettingInfo,
  CompliancePolicyInfo,
  ConfigurationPolicyInfo,
  DeviceConfigurationInfo,
  DeviceStatusCounts,
  GroupInfo,
  IntentInfo,
  IntentSettingInfo,
  OmaSettingInfo,
  OrganizationInfo,
  ServicePrincipalInfo,
} from '../../../domain/readiness/model';

/** Graph answers for the readiness check, read with checks: anything malformed is skipped or refused. */

type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.trunc(value) : 0);

function unexpected(what: string): AppError {
  return new AppError('graph.unexpected', `Microsoft Graph answered ${what} in an unexpected shape.`);
}

/** Items of a list that parse; the others are dropped. */
export function parseAll<T>(items: readonly unknown[], parse: (item: unknown) => T | undefined): T[] {
  return items.map(parse).filter((item): item is T => item !== undefined);
}

export function parseServicePrincipal(item: unknown): ServicePrincipalInfo | undefined {
  if (!isRecord(item)) return undefined;
  const id = text(item.id);
  const appId = text(item.appId);
  return id && appId ? { id, appId, displayName: text(item.displayName) ?? appId } : undefined;
}

export function parseOrganization(body: unknown): OrganizationInfo {
  const first = isRecord(body) && Array.isArray(body.value) ? body.value[0] : undefined;
  const id = isRecord(first) ? text(first.id) : undefined;
  if (!isRecord(first) || !id) throw unexpected('/organization');
  return { id, displayName: text(first.displayName) ?? '' };
}

export function parseGroup(item: unknown): GroupInfo | undefined {
  if (!isRecord(item)) return undefined;
  const id = text(item.id);
  return id ? { id, displayName: text(item.displayName) ?? id } : undefined;
}

function parseOmaSetting(item: unknown): OmaSettingInfo | undefined {
  if (!isRecord(item)) return undefined;
  const omaUri = text(item.omaUri);
  return omaUri ? { omaUri, value: item.value } : undefined;
}

/** Every Android profile and compliance type as the beta typings declare it: a misspelt property does not compile. */
type GraphAndroidPolicy = AndroidDeviceOwnerGeneralDeviceConfiguration &
  AndroidWorkProfileGeneralDeviceConfiguration &
  AospDeviceOwnerDeviceConfiguration &
  AndroidDeviceOwnerCompliancePolicy &
  AndroidWorkProfileCompliancePolicy &
  AospDeviceOwnerCompliancePolicy;
type PasswordProperty = keyof AndroidPasswordSettings & keyof GraphAndroidPolicy;

const ANDROID_TEXT_PROPERTIES = [
  'passwordRequiredType',
  'workProfilePasswordRequiredType',
  'workProfileRequiredPasswordComplexity',
] as const satisfies readonly PasswordProperty[];
const ANDROID_FLAG_PROPERTIES = ['passwordRequired', 'workProfileRequirePassword'] as const satisfies readonly PasswordProperty[];

/** The password settings an Android policy carries; undefined when it carries none (other platforms). */
function parseAndroidPassword(item: Json): AndroidPasswordSettings | undefined {
  const settings: AndroidPasswordSettings = {};
  for (const name of ANDROID_TEXT_PROPERTIES) {
    const value = text(item[name]);
    if (value !== undefined) settings[name] = value;
  }
  for (const name of ANDROID_FLAG_PROPERTIES) {
    if (typeof item[name] === 'boolean') settings[name] = item[name];
  }
  return Object.keys(settings).length > 0 ? settings : undefined;
}

/** A device compliance policy; also what every device configuration has. */
export function parseCompliancePolicy(item: unknown): CompliancePolicyInfo | undefined {
  if (!isRecord(item)) return undefined;
  const id = text(item.id);
  if (!id) return undefined;
  const androidPassword = parseAndroidPassword(item);
  return { id, displayName: text(item.displayName) ?? id, odataType: text(item['@odata.type']) ?? '', ...(androidPassword ? { androidPassword } : {}) };
}

export function parseDeviceConfiguration(item: unknown): DeviceConfigurationInfo | undefined {
  const policy = parseCompliancePolicy(item);
  if (!policy || !isRecord(item)) return undefined;
  return {
    ...policy,
    omaSettings: Array.isArray(item.omaSettings) ? parseAll(item.omaSettings, parseOmaSetting) : [],
    ...(typeof item.pinRecoveryEnabled === 'boolean' ? { pinRecoveryEnabled: item.pinRecoveryEnabled } : {}),
  };
}

export function parseIntent(item: unknown): IntentInfo | undefined {
  if (!isRecord(item)) return undefined;
  const id = text(item.id);
  if (!id) return undefined;
  return { id, displayName: text(item.displayName) ?? id, ...(text(item.templateId) ? { templateId: text(item.templateId) } : {}) };
}

/** A deviceManagementSettingInstance: `value` when Graph gives it, else `valueJson` decoded. */
export function parseIntentSetting(item: unknown): IntentSettingInfo | undefined {
  if (!isRecord(item)) return undefined;
  const definitionId = text(item.definitionId);
  if (!definitionId) return undefined;
  if ('value' in item) return { definitionId, value: item.value };
  const json = text(item.valueJson);
  try {
    return { definitionId, value: json === undefined ? undefined : (JSON.parse(json) as unknown) };
  } catch {
    return { definitionId, value: undefined };
  }
}

export function parseConfigurationPolicy(item: unknown): ConfigurationPolicyInfo | undefined {
  if (!isRecord(item)) return undefined;
  const id = text(item.id);
  return id ? { id, name: text(item.name) ?? id, platforms: text(item.platforms) ?? '' } : undefined;
}

/**
 * Every setting instance in a Settings catalog settings list, however deep it sits (groups hold
 * their settings as children), with the chosen option or simple value.
 */
export function flattenCatalogSettings(items: readonly unknown[]): CatalogSettingInfo[] {
  const found: CatalogSettingInfo[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 20) return;
    if (Array.isArray(node)) {
      node.forEach((child) => walk(child, depth + 1));
      return;
    }
    if (!isRecord(node)) return;
    const settingDefinitionId = text(node.settingDefinitionId);
    if (settingDefinitionId) {
      const choice = isRecord(node.choiceSettingValue) ? text(node.choiceSettingValue.value) : undefined;
      const simple = isRecord(node.simpleSettingValue) ? node.simpleSettingValue.value : undefined;
      const value = choice ?? (simple === undefined ? undefined : String(simple));
      found.push({ settingDefinitionId, ...(value !== undefined ? { value } : {}) });
    }
    for (const child of Object.values(node)) walk(child, depth + 1);
  };
  walk(items, 0);
  return found;
}

const TARGET_KINDS: Readonly<Record<string, AssignmentTarget['kind']>> = {
  '#microsoft.graph.groupassignmenttarget': 'group',
  '#microsoft.graph.exclusiongroupassignmenttarget': 'exclusionGroup',
  '#microsoft.graph.alldevicesassignmenttarget': 'allDevices',
  '#microsoft.graph.alllicensedusersassignmenttarget': 'allUsers',
};

export function parseAssignment(item: unknown): AssignmentTarget | undefined {
  if (!isRecord(item) || !isRecord(item.target)) return undefined;
  const raw = text(item.target['@odata.type']) ?? '';
  const kind = TARGET_KINDS[(raw.startsWith('#') ? raw : `#${raw}`).toLowerCase()] ?? 'other';
  const groupId = text(item.target.groupId);
  if (kind === 'group' || kind === 'exclusionGroup') return groupId ? { kind, groupId } : undefined;
  return { kind };
}

/** `deviceStatusOverview` (profiles) or `deviceStateSummary` (intents). */
export function parseStatusCounts(body: unknown): DeviceStatusCounts {
  if (!isRecord(body)) throw unexpected('a device status summary');
  return {
    succeeded: count(body.successCount),
    pending: count(body.pendingCount),
    error: count(body.errorCount),
    failed: count(body.failedCount),
    conflict: count(body.conflictCount),
    notApplicable: count(body.notApplicableCount) + count(body.notApplicablePlatformCount),
  };
}

/** Intune's report format: `Schema` (column names) and `Values` (rows); the counts of the first row. */
export function parseReportCounts(body: unknown): DeviceStatusCounts {
  if (!isRecord(body) || !Array.isArray(body.Schema) || !Array.isArray(body.Values)) throw unexpected('the device summary report');
  const columns = body.Schema.map((c) => (isRecord(c) ? text(c.Column) ?? '' : ''));
  const row = Array.isArray(body.Values[0]) ? body.Values[0] : [];
  const cell = (name: string): number => count(row[columns.indexOf(name)]);
  return {
    succeeded: cell('NumberOfCompliantDevices'),
    pending: cell('NumberOfInProgressDevices'),
    error: cell('NumberOfErrorDevices'),
    failed: cell('NumberOfNonCompliantDevices'),
    conflict: cell('NumberOfConflictDevices'),
    notApplicable: cell('NumberOfNotApplicableDevices'),
  };
}

/** The id of a created object. */
export function parseCreatedId(body: unknown): string {
  const id = isRecord(body) ? text(body.id) : undefined;
  if (!id) throw unexpected('the created policy');
  return id;
}
