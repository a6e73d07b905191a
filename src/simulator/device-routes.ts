import type { SimContext } from './context';
import { READ_DEVICES, RESET_PASSCODE, isGranted } from './graph-auth';
import { graphError, intuneError, type GraphResult } from './graph-errors';
import { odataContext, type GraphRequest } from './graph-request';
import { FilterSyntaxError, filterProperties, matchesFilter, parseFilter, type FilterNode } from './odata-filter';
import { QueryError, paginate, parseSelect, parseTop, project, queryOption } from './odata-query';
import { settleActions, startResetPasscode } from './device-actions';
import { devicesOf, findDevice } from './state';
import type { SimDevice, SimUser } from './types';

const V1_PROPS = [
  'id', 'userId', 'deviceName', 'managedDeviceOwnerType', 'enrolledDateTime', 'lastSyncDateTime',
  'operatingSystem', 'complianceState', 'jailBroken', 'managementAgent', 'osVersion', 'easActivated',
  'azureADRegistered', 'deviceEnrollmentType', 'emailAddress', 'azureADDeviceId', 'deviceRegistrationState',
  'deviceCategoryDisplayName', 'isSupervised', 'isEncrypted', 'userPrincipalName', 'model', 'manufacturer',
  'imei', 'serialNumber', 'phoneNumber', 'userDisplayName', 'deviceActionResults',
];
/** Present in beta only; naming one in a v1.0 `$select` is a 400. */
export const BETA_ONLY_PROPS = ['deviceType', 'chassisType', 'joinType', 'skuFamily'];
/** The few properties Intune filters on; a filter naming anything else is silently ignored. */
const FILTERABLE = ['operatingSystem', 'deviceName', 'complianceState', 'managedDeviceOwnerType'];
const PAGE_SIZE = 1000;

const propsFor = (req: GraphRequest): string[] => (req.version === 'beta' ? [...V1_PROPS, ...BETA_ONLY_PROPS] : V1_PROPS);

/**
 * v1.0's deviceEnrollmentType stops at the Apple User Enrollment members: the Android Enterprise,
 * AOSP and account-driven members exist in beta only, and v1.0 answers `unknownFutureValue`.
 */
const V1_ENROLLMENT_TYPES = new Set([
  'unknown', 'userEnrollment', 'deviceEnrollmentManager', 'appleBulkWithUser', 'appleBulkWithoutUser',
  'windowsAzureADJoin', 'windowsBulkUserless', 'windowsAutoEnrollment', 'windowsBulkAzureDomainJoin',
  'windowsCoManagement', 'windowsAzureADJoinUsingDeviceAuth', 'appleUserEnrollment',
  'appleUserEnrollmentWithServiceAccount', 'unknownFutureValue',
]);
/** v1.0's managementAgentType has no `intuneAosp` (beta only). */
const V1_ONLY_UNKNOWN_AGENTS = new Set(['intuneAosp']);

function asGraph(ctx: SimContext, device: SimDevice, props: readonly string[], version: GraphRequest['version']): Record<string, unknown> {
  settleActions(device, Date.now(), ctx.actionDelayMs);
  const full: Record<string, unknown> = { ...device, deviceActionResults: device.deviceActionResults.map((r) => ({ ...r })) };
  if (version !== 'beta') {
    if (!V1_ENROLLMENT_TYPES.has(device.deviceEnrollmentType)) full['deviceEnrollmentType'] = 'unknownFutureValue';
    if (V1_ONLY_UNKNOWN_AGENTS.has(device.managementAgent)) full['managementAgent'] = 'unknown';
  }
  return project(full, props);
}

/** Intune refuses delegated calls from users without an Intune role, and apps without the permission. */
function readDenied(ctx: SimContext, req: GraphRequest): GraphResult | undefined {
  const path = `/${req.segments.join('/')}`;
  if (!isGranted(req.principal, READ_DEVICES)) {
    return intuneError(403, 'Forbidden', 'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.Read.All, DeviceManagementManagedDevices.ReadWrite.All', req.ids, path);
  }
  const p = req.principal;
  if (p.kind === 'user' && !ctx.state.users.find((u) => u.id === p.oid)?.intuneRole) {
    return intuneError(403, 'Forbidden', 'User is not authorized to perform this operation on this resource.', req.ids, path);
  }
  return undefined;
}

function notFound(req: GraphRequest, id: string): GraphResult {
  return intuneError(404, 'ResourceNotFound', `Resource not found for the segment '${id}'.`, req.ids, `/${req.segments.join('/')}`);
}

function badQuery(req: GraphRequest, error: unknown): GraphResult {
  if (error instanceof QueryError) return graphError(400, error.code, error.message, req.ids);
  if (error instanceof FilterSyntaxError) return graphError(400, 'BadRequest', error.message, req.ids);
  throw error;
}

/** Intune applies a filter only when every clause is an `eq` on a property it supports. */
function usableFilter(raw: string | undefined): FilterNode | undefined {
  if (raw === undefined) return undefined;
  const node = parseFilter(raw);
  const supported = filterProperties(node).every(
    ({ property, operator }) => operator === 'eq' && FILTERABLE.some((p) => p.toLowerCase() === property.toLowerCase()),
  );
  return supported ? node : undefined;
}

/** `GET /users/{id}/managedDevices` (owner given) or `GET /deviceManagement/managedDevices`. */
export function listDevices(ctx: SimContext, req: GraphRequest, owner?: SimUser): GraphResult {
  const denied = readDenied(ctx, req);
  if (denied) return denied;
  try {
    const props = propsFor(req);
    const select = parseSelect(queryOption(req.query, 'select'), props, 'microsoft.graph.managedDevice');
    const top = parseTop(queryOption(req.query, 'top'), PAGE_SIZE);
    const filter = usableFilter(queryOption(req.query, 'filter'));
    let devices = owner ? devicesOf(ctx.state, owner.id) : [...ctx.state.devices];
    if (filter) devices = devices.filter((d) => matchesFilter(filter, d as unknown as Record<string, unknown>));
    const page = paginate(devices, req.query, top ?? PAGE_SIZE, req.requestUrl);
    const base = owner ? `users('${owner.id}')/managedDevices` : 'deviceManagement/managedDevices';
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, req, select ? `${base}(${select.join(',')})` : base),
        ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
        value: page.value.map((d) => asGraph(ctx, d, select ?? props, req.version)),
      },
    };
  } catch (error) {
    return badQuery(req, error);
  }
}

/** `GET /deviceManagement/managedDevices/{id}` (or under a user) with `$select`. */
export function getDevice(ctx: SimContext, req: GraphRequest, id: string, owner?: SimUser): GraphResult {
  const denied = readDenied(ctx, req);
  if (denied) return denied;
  try {
    const props = propsFor(req);
    const select = parseSelect(queryOption(req.query, 'select'), props, 'microsoft.graph.managedDevice');
    const device = findDevice(ctx.state, id);
    if (!device || (owner && device.userId !== owner.id)) return notFound(req, id);
    const fragment = select ? `deviceManagement/managedDevices(${select.join(',')})/$entity` : 'deviceManagement/managedDevices/$entity';
    return { status: 200, body: { '@odata.context': odataContext(ctx, req, fragment), ...asGraph(ctx, device, select ?? props, req.version) } };
  } catch (error) {
    return badQuery(req, error);
  }
}

/**
 * `POST .../managedDevices/{id}/resetPasscode`: 204 and a pending action result, as the agent
 * (delegated permission + an Intune role whose scope covers the device), within Intune's write limit.
 */
export function resetPasscode(ctx: SimContext, req: GraphRequest, id: string, owner?: SimUser): GraphResult {
  const path = `/${req.segments.join('/')}`;
  const p = req.principal;
  if (p.kind !== 'user' || !isGranted(p, RESET_PASSCODE)) {
    return intuneError(403, 'Forbidden', 'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.PrivilegedOperations.All', req.ids, path);
  }
  const role = ctx.state.users.find((u) => u.id === p.oid)?.intuneRole;
  if (!role) return intuneError(403, 'Forbidden', 'User is not authorized to perform this operation on this resource.', req.ids, path);
  const device = findDevice(ctx.state, id);
  if (!device || (owner && device.userId !== owner.id)) return notFound(req, id);
  if (role.excludedDeviceIds?.some((d) => d.toLowerCase() === device.id.toLowerCase())) {
    return intuneError(403, 'Forbidden', 'User is not authorized to perform this operation on this resource. The resource is outside the scope of the assigned role.', req.ids, path);
  }
  const now = Date.now();
  const slot = ctx.writeThrottle?.tryTake(`${ctx.state.tenantId}/${p.appId}`, now);
  if (slot && !slot.ok) {
    const throttled = graphError(429, 'TooManyRequests', 'Too many requests.', req.ids);
    throttled.headers = { 'Retry-After': String(slot.retryAfterSeconds) };
    return throttled;
  }
  startResetPasscode(device, now);
  ctx.later(ctx.actionDelayMs, () => settleActions(device, Date.now(), ctx.actionDelayMs));
  return { status: 204 };
}
