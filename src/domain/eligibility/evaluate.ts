import type { ManagedDevice } from '../model';
import { DEFAULT_RULES, readProperty } from './rules';
import type { DeviceMatch, EligibilityRule, PropertyTest, RuleCondition } from './rules';
import type { DeviceOption, EligibilityVerdict, IneligibleReason } from './types';

/** Rule id of the verdict given when no row of the table matches. */
export const UNMATCHED_RULE_ID = 'unmatched';

/**
 * Apply the eligibility table to one device. The first matching row decides; a verdict is
 * eligible only when that row's outcome is not `notSupported` and all its conditions hold.
 * An ineligible verdict always has outcome `notSupported` (nothing will be done to the device).
 */
export function evaluateDevice(
  device: ManagedDevice,
  table: readonly EligibilityRule[] = DEFAULT_RULES,
): EligibilityVerdict {
  const rule = table.find((row) => matches(device, row.match));
  if (!rule) {
    const os = readProperty(device, 'operatingSystem');
    return ineligible(UNMATCHED_RULE_ID, os ?? 'unknown', 'unknownPlatform', { operatingSystem: os ?? '' });
  }
  if (rule.outcome === 'notSupported') {
    const reason = rule.unsupportedReason ?? 'platformNotSupported';
    const enrollmentType = readProperty(device, 'deviceEnrollmentType') ?? 'none';
    return ineligible(rule.id, rule.platform, reason, { platform: rule.platform, enrollmentType });
  }
  for (const condition of rule.conditions) {
    if (!holds(device, condition)) {
      return ineligible(rule.id, rule.platform, condition.reason, conditionParams(device, condition));
    }
  }
  return { eligible: true, ruleId: rule.id, platform: rule.platform, outcome: rule.outcome };
}

/** Apply the table to a user's devices: eligible ones first, then by device name. */
export function evaluateDevices(
  devices: readonly ManagedDevice[],
  table: readonly EligibilityRule[] = DEFAULT_RULES,
): DeviceOption[] {
  return devices
    .map((device) => ({ device, verdict: evaluateDevice(device, table) }))
    .sort(
      (a, b) =>
        Number(b.verdict.eligible) - Number(a.verdict.eligible) ||
        a.device.deviceName.localeCompare(b.device.deviceName, 'en', { sensitivity: 'base' }) ||
        a.device.id.localeCompare(b.device.id),
    );
}

/**
 * Compare dotted versions part by part as numbers, over the parts of `minimum`
 * (`10.0.15063.1418` vs `10.0.15063` compares 10, 0, 15063). Undefined when `version` is not
 * a dotted number, so a garbled version never counts as recent enough.
 */
export function isVersionAtLeast(version: string, minimum: string): boolean | undefined {
  const have = parseVersion(version);
  const need = parseVersion(minimum);
  if (!have || !need) return undefined;
  for (let i = 0; i < need.length; i++) {
    const part = have[i] ?? 0;
    const min = need[i] ?? 0;
    if (part !== min) return part > min;
  }
  return true;
}

function parseVersion(text: string): number[] | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)*$/.test(trimmed)) return undefined;
  return trimmed.split('.').map((part) => Number(part));
}

function matches(device: ManagedDevice, match: DeviceMatch): boolean {
  const all = match.allOf ?? [];
  const any = match.anyOf ?? [];
  return all.every((test) => passes(device, test)) && (any.length === 0 || any.some((test) => passes(device, test)));
}

function passes(device: ManagedDevice, test: PropertyTest): boolean {
  const value = readProperty(device, test.property);
  if (value === undefined) return test.orMissing === true;
  const wanted = value.toLowerCase();
  return (
    (test.oneOf ?? []).some((candidate) => candidate.toLowerCase() === wanted) ||
    (test.startsWith ?? []).some((prefix) => wanted.startsWith(prefix.toLowerCase()))
  );
}

function holds(device: ManagedDevice, condition: RuleCondition): boolean {
  switch (condition.require) {
    case 'osVersionAtLeast':
      return isVersionAtLeast(device.osVersion ?? '', condition.version) === true;
    case 'anyOf':
      return condition.tests.some((test) => passes(device, test));
  }
}

function conditionParams(device: ManagedDevice, condition: RuleCondition): Record<string, string> {
  switch (condition.require) {
    case 'osVersionAtLeast':
      return { minBuild: condition.version, osVersion: device.osVersion ?? '' };
    case 'anyOf':
      return {};
  }
}

function ineligible(
  ruleId: string,
  platform: string,
  reason: IneligibleReason,
  reasonParams: Record<string, string>,
): EligibilityVerdict {
  return { eligible: false, ruleId, platform, outcome: 'notSupported', reason, reasonParams };
}
