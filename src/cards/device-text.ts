import type { DeviceOption, IneligibleReason, ResetOutcome } from '../domain/eligibility/types';
import type { DirectoryUser, ManagedDevice } from '../domain/model';
import { formatDateTime, t, type Locale } from '../i18n';
import type { DeviceRow, Fact } from './card-template';

// Exhaustive by construction: adding a reason or outcome to the domain fails to compile here,
// and the catalog tests then ask for its message.
const REASONS: Record<IneligibleReason, true> = {
  platformNotSupported: true,
  osTooOld: true,
  notAzureAdJoined: true,
  deviceTypeUnknown: true,
  unknownPlatform: true,
  windowsHello: true,
  androidDeviceAdministrator: true,
  appleUserEnrollment: true,
  unknownEnrollmentType: true,
  removalTurnedOff: true,
};
const OUTCOMES: Record<ResetOutcome, true> = {
  newPasscode: true,
  newWorkProfilePasscode: true,
  passcodeRemoved: true,
  notSupported: true,
};

/** Every IneligibleReason of the domain. */
export const INELIGIBLE_REASONS = Object.keys(REASONS) as IneligibleReason[];
/** Every ResetOutcome of the domain. */
export const RESET_OUTCOMES = Object.keys(OUTCOMES) as ResetOutcome[];

/** Catalog key of the message explaining why a device cannot be reset. */
export function reasonKey(reason: IneligibleReason): string {
  return `eligibility.reason.${reason}`;
}

/** Catalog key of the message saying what a reset will do. */
export function outcomeKey(outcome: ResetOutcome): string {
  return `eligibility.outcome.${outcome}`;
}

/** What a reset will do, in plain words; `owner` names the person who must act on the device. */
export function outcomeText(outcome: ResetOutcome, owner: string, locale: Locale): string {
  return t(locale, outcomeKey(outcome), { owner });
}

/** Intune reports "never synced" as year 1 (0001-01-01); anything before 2000 is that. */
function syncedAt(device: ManagedDevice): string | undefined {
  const iso = device.lastSyncDateTime;
  if (!iso) return undefined;
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) || time.getUTCFullYear() < 2000 ? undefined : iso;
}

/** The platform label of a verdict; the domain's fallback for an unknown platform is shown translated. */
export function platformLabel(platform: string | undefined, locale: Locale): string {
  return !platform || platform === 'unknown' ? t(locale, 'common.unknown') : platform;
}

/** Platform, model and OS version on one line. */
export function deviceSummary(device: ManagedDevice, platform: string, locale: Locale): string {
  return t(locale, 'device.summary', {
    platform: platformLabel(platform, locale),
    model: device.model || device.manufacturer || t(locale, 'device.unknownModel'),
    osVersion: device.osVersion || t(locale, 'common.unknown'),
  });
}

/** "Last sync …" or "Never synced". */
export function lastSyncLine(device: ManagedDevice, locale: Locale): string {
  const iso = syncedAt(device);
  return iso ? t(locale, 'device.lastSync', { date: formatDateTime(iso, locale) }) : t(locale, 'device.neverSynced');
}

/** Why the device cannot be reset, in plain words; empty for an eligible device. */
export function reasonText(option: DeviceOption, locale: Locale): string {
  const { device, verdict } = option;
  if (verdict.eligible || !verdict.reason) return '';
  const given = Object.fromEntries(Object.entries(verdict.reasonParams ?? {}).filter(([, value]) => value !== ''));
  const text = t(locale, reasonKey(verdict.reason), {
    platform: platformLabel(verdict.platform, locale),
    operatingSystem: device.operatingSystem || t(locale, 'common.unknown'),
    osVersion: device.osVersion || t(locale, 'common.unknown'),
    ...given,
  });
  const recovery = verdict.reason === 'windowsHello' ? windowsPinRecoveryText(given['pinRecovery'], locale) : '';
  return recovery ? `${text} ${recovery}` : text;
}

/** Whether the tenant's Windows PIN reset is non-destructive, as the readiness check found it. */
function windowsPinRecoveryText(status: string | undefined, locale: Locale): string {
  switch (status) {
    case 'ready':
      return t(locale, 'platforms.windowsHello.ready');
    case 'notReady':
      return t(locale, 'platforms.windowsHello.notReady');
    case 'unknown':
      return t(locale, 'platforms.windowsHello.unknown');
    default:
      return '';
  }
}

/** How the owner of a Windows 10/11 device resets the Windows Hello PIN themselves. */
export function windowsHelloSteps(options: readonly DeviceOption[], owner: string, locale: Locale): string[] {
  if (!options.some((option) => option.verdict.reason === 'windowsHello')) return [];
  return [t(locale, 'platforms.windowsHello.title'), t(locale, 'platforms.windowsHello.steps', { owner })];
}

/** A device as a list row. */
export function deviceRow(option: DeviceOption, locale: Locale): DeviceRow {
  return {
    id: option.device.id,
    name: option.device.deviceName,
    summary: deviceSummary(option.device, option.verdict.platform, locale),
    lastSync: lastSyncLine(option.device, locale),
    reason: reasonText(option, locale),
  };
}

/** Who the device belongs to: the directory user when known, else Intune's UPN. */
export function ownerText(user: DirectoryUser | undefined, device: ManagedDevice | undefined, locale: Locale): string {
  if (user) return t(locale, 'device.owner', { name: user.displayName, upn: user.userPrincipalName });
  return device?.userPrincipalName || t(locale, 'common.unknown');
}

/** The facts an agent checks before a reset: name, platform, model, OS version, owner, last sync. */
export function deviceFacts(
  device: ManagedDevice,
  platform: string | undefined,
  user: DirectoryUser | undefined,
  locale: Locale,
): Fact[] {
  const synced = syncedAt(device);
  const facts: Fact[] = [{ label: t(locale, 'fact.device'), value: device.deviceName }];
  if (platform) facts.push({ label: t(locale, 'fact.platform'), value: platformLabel(platform, locale) });
  facts.push(
    {
      label: t(locale, 'fact.model'),
      value: [device.manufacturer, device.model].filter(Boolean).join(' ') || t(locale, 'common.unknown'),
    },
    {
      label: t(locale, 'fact.osVersion'),
      value: t(locale, 'device.os', {
        operatingSystem: device.operatingSystem || t(locale, 'common.unknown'),
        osVersion: device.osVersion || '',
      }).trim(),
    },
    { label: t(locale, 'fact.owner'), value: ownerText(user, device, locale) },
    {
      label: t(locale, 'fact.lastSync'),
      value: synced ? formatDateTime(synced, locale) : t(locale, 'common.never'),
    },
  );
  return facts;
}
