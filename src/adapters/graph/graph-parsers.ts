import type { ActionState, DirectoryUser, ManagedDevice, ResetPasscodeActionResult } from '../../domain/model';

/**
 * Graph JSON → domain types, with a check on every field. Graph answers are data from outside:
 * a field of the wrong type is dropped (optional) or the item is refused (required), never cast.
 */

type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: Json, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function flag(record: Json, key: string): boolean | undefined {
  const value = record[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** Copy the defined values only, so optional fields are absent rather than `undefined`. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A user from `/users`; undefined when id, displayName or userPrincipalName is missing. */
export function parseDirectoryUser(value: unknown): DirectoryUser | undefined {
  if (!isRecord(value)) return undefined;
  const id = text(value, 'id');
  const userPrincipalName = text(value, 'userPrincipalName');
  if (!id || !userPrincipalName) return undefined;
  return compact<DirectoryUser>({
    id,
    displayName: text(value, 'displayName') ?? userPrincipalName,
    userPrincipalName,
    mail: text(value, 'mail'),
    department: text(value, 'department'),
    givenName: text(value, 'givenName'),
    surname: text(value, 'surname'),
  });
}

/**
 * A managed device; undefined without an id. Missing names and versions become empty strings,
 * so the eligibility rules see "unknown" rather than the device vanishing from the list.
 */
export function parseManagedDevice(value: unknown): ManagedDevice | undefined {
  if (!isRecord(value)) return undefined;
  const id = text(value, 'id');
  if (!id) return undefined;
  return compact<ManagedDevice>({
    id,
    deviceName: text(value, 'deviceName') ?? '',
    userId: text(value, 'userId'),
    userPrincipalName: text(value, 'userPrincipalName'),
    operatingSystem: text(value, 'operatingSystem') ?? '',
    osVersion: text(value, 'osVersion') ?? '',
    model: text(value, 'model'),
    manufacturer: text(value, 'manufacturer'),
    lastSyncDateTime: text(value, 'lastSyncDateTime'),
    deviceEnrollmentType: text(value, 'deviceEnrollmentType'),
    azureADRegistered: flag(value, 'azureADRegistered'),
    managedDeviceOwnerType: text(value, 'managedDeviceOwnerType'),
    managementAgent: text(value, 'managementAgent'),
    deviceType: text(value, 'deviceType'),
    chassisType: text(value, 'chassisType'),
    joinType: text(value, 'joinType'),
  });
}

const ACTION_STATES: readonly ActionState[] = ['none', 'pending', 'canceled', 'active', 'done', 'failed', 'notSupported'];

function isActionState(value: unknown): value is ActionState {
  return typeof value === 'string' && (ACTION_STATES as readonly string[]).includes(value);
}

const RESET_PASSCODE_TYPE = '#microsoft.graph.resetPasscodeActionResult';

/** Whether a deviceActionResults entry belongs to a passcode reset. */
export function isResetPasscodeEntry(value: unknown): value is Json {
  if (!isRecord(value)) return false;
  const type = value['@odata.type'];
  const name = value['actionName'];
  return (
    (typeof type === 'string' && type.toLowerCase() === RESET_PASSCODE_TYPE.toLowerCase()) ||
    (typeof name === 'string' && name.toLowerCase() === 'resetpasscode')
  );
}

/**
 * One resetPasscode entry; undefined when its state is unknown or its startDateTime is not a date
 * (without them the entry cannot be matched to our POST). The passcode is kept only when done.
 */
export function parseResetPasscodeResult(value: unknown): ResetPasscodeActionResult | undefined {
  if (!isResetPasscodeEntry(value)) return undefined;
  const actionState = value['actionState'];
  const startDateTime = text(value, 'startDateTime');
  if (!isActionState(actionState) || !startDateTime || Number.isNaN(Date.parse(startDateTime))) return undefined;
  const errorCode = value['errorCode'];
  return compact<ResetPasscodeActionResult>({
    actionState,
    startDateTime,
    lastUpdatedDateTime: text(value, 'lastUpdatedDateTime'),
    passcode: actionState === 'done' ? text(value, 'passcode') : undefined,
    errorCode: typeof errorCode === 'number' && Number.isFinite(errorCode) ? errorCode : undefined,
  });
}

/** The resetPasscode results of a device answer (`{deviceActionResults: [...]}`), newest first. */
export function parseResetPasscodeResults(device: unknown): { results: ResetPasscodeActionResult[]; skipped: number } {
  if (!isRecord(device)) return { results: [], skipped: 0 };
  const entries = device['deviceActionResults'];
  if (!Array.isArray(entries)) return { results: [], skipped: 0 };
  const candidates = entries.filter(isResetPasscodeEntry);
  const results = candidates
    .map(parseResetPasscodeResult)
    .filter((r): r is ResetPasscodeActionResult => r !== undefined)
    .sort((a, b) => Date.parse(b.startDateTime) - Date.parse(a.startDateTime));
  return { results, skipped: candidates.length - results.length };
}
