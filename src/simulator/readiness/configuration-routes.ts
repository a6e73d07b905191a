import { randomUUID } from 'node:crypto';
import type { SimContext } from '../context';
import { graphError, type GraphResult } from '../graph-errors';
import { odataContext, type GraphRequest } from '../graph-request';
import { isObject } from '../http-io';
import { QueryError, paginate, parseTop, queryOption } from '../odata-query';
import { assignmentsBody, readAssignments } from './assignments';
import { countStates, deviceStates } from './device-states';
import { intuneBadRequest, intuneDenied, intuneNotFound } from './intune-access';
import { emptyReadiness, type SimDeviceConfiguration, type SimReadinessState } from './types';

/**
 * Intune's profiles (`/deviceManagement/deviceConfigurations`) and compliance policies
 * (`/deviceManagement/deviceCompliancePolicies`): the same shape and the same reads; profiles can
 * also be created and assigned here.
 */

/** Types that exist only in beta; v1.0 neither lists nor creates them. */
const BETA_ONLY_TYPES = new Set([
  '#microsoft.graph.windowsidentityprotectionconfiguration',
  '#microsoft.graph.androiddeviceownergeneraldeviceconfiguration',
  '#microsoft.graph.aospdeviceownerdeviceconfiguration',
  '#microsoft.graph.androiddeviceownercompliancepolicy',
  '#microsoft.graph.aospdeviceownercompliancepolicy',
]);
/** Types the simulated Intune creates. */
const CREATABLE_TYPES = new Set(['#microsoft.graph.windows10customconfiguration', '#microsoft.graph.windowsidentityprotectionconfiguration']);
const OMA_TYPES: Readonly<Record<string, 'boolean' | 'string' | 'number'>> = {
  '#microsoft.graph.omasettingboolean': 'boolean',
  '#microsoft.graph.omasettingstring': 'string',
  '#microsoft.graph.omasettinginteger': 'number',
};
const PAGE_SIZE = 1000;

const visibleIn = (req: GraphRequest, config: SimDeviceConfiguration): boolean =>
  req.version === 'beta' || !BETA_ONLY_TYPES.has(config['@odata.type'].toLowerCase());

/** One of the two collections: its URL segment is also its name in the readiness state. */
export type PolicyCollection = keyof Pick<SimReadinessState, 'deviceConfigurations' | 'compliancePolicies'>;

const SEGMENTS: Readonly<Record<PolicyCollection, string>> = {
  deviceConfigurations: 'deviceConfigurations',
  compliancePolicies: 'deviceCompliancePolicies',
};

const policiesOf = (ctx: SimContext, collection: PolicyCollection): SimDeviceConfiguration[] => {
  ctx.state.readiness ??= emptyReadiness();
  return ctx.state.readiness[collection];
};

/** A profile as Graph shows it; beta adds the scope-tag properties. */
function asGraph(req: GraphRequest, config: SimDeviceConfiguration): Record<string, unknown> {
  return {
    '@odata.type': config['@odata.type'],
    id: config.id,
    lastModifiedDateTime: config.lastModifiedDateTime,
    createdDateTime: config.createdDateTime,
    description: config.description,
    displayName: config.displayName,
    version: config.version,
    ...(req.version === 'beta' ? { roleScopeTagIds: ['0'], supportsScopeTags: true } : {}),
    ...structuredClone(config.properties),
  };
}

function find(ctx: SimContext, req: GraphRequest, id: string, collection: PolicyCollection = 'deviceConfigurations'): SimDeviceConfiguration | undefined {
  return policiesOf(ctx, collection).find((c) => c.id.toLowerCase() === id.toLowerCase() && visibleIn(req, c));
}

/** `GET /deviceManagement/{collection}` (Intune ignores `$filter` it does not support; so do we). */
export function listPolicies(ctx: SimContext, req: GraphRequest, collection: PolicyCollection): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  try {
    const top = parseTop(queryOption(req.query, 'top'), PAGE_SIZE);
    const items = policiesOf(ctx, collection).filter((c) => visibleIn(req, c));
    const page = paginate(items, req.query, top ?? PAGE_SIZE, req.requestUrl);
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, req, `deviceManagement/${SEGMENTS[collection]}`),
        ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
        value: page.value.map((c) => asGraph(req, c)),
      },
    };
  } catch (error) {
    if (error instanceof QueryError) return graphError(400, error.code, error.message, req.ids);
    throw error;
  }
}

export function getPolicy(ctx: SimContext, req: GraphRequest, collection: PolicyCollection, id: string): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  const config = find(ctx, req, id, collection);
  if (!config) return intuneNotFound(req, id);
  return { status: 200, body: { '@odata.context': odataContext(ctx, req, `deviceManagement/${SEGMENTS[collection]}/$entity`), ...asGraph(req, config) } };
}

/** Check the OMA settings of a custom profile; a text for Intune's 400, or undefined. */
function omaSettingsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'omaSettings must be a collection.';
  for (const setting of value) {
    if (!isObject(setting)) return 'Each omaSetting must be an object.';
    const kind = OMA_TYPES[String(setting['@odata.type'] ?? '').toLowerCase()];
    if (!kind) return `Unsupported omaSetting type '${String(setting['@odata.type'])}'.`;
    if (typeof setting.omaUri !== 'string' || !setting.omaUri.startsWith('./')) return 'omaUri must start with ./';
    if (typeof setting.displayName !== 'string' || setting.displayName.trim() === '') return 'An omaSetting needs a displayName.';
    if (typeof setting.value !== kind) return `The value of ${setting.omaUri} must be a ${kind}.`;
  }
  return undefined;
}

/** `POST /deviceManagement/deviceConfigurations`: 201 with the new profile. */
export function createConfiguration(ctx: SimContext, req: GraphRequest): GraphResult {
  const denied = intuneDenied(ctx, req, 'write');
  if (denied) return denied;
  const body = req.body;
  if (!isObject(body)) return intuneBadRequest(req, 'A deviceConfiguration object is required in the request body.');
  const raw = String(body['@odata.type'] ?? '');
  const type = raw.startsWith('#') ? raw : `#${raw}`;
  const key = type.toLowerCase();
  if (!CREATABLE_TYPES.has(key) || (req.version === 'v1.0' && BETA_ONLY_TYPES.has(key))) {
    return intuneBadRequest(req, `Cannot create a deviceConfiguration of type '${raw}'.`);
  }
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '') return intuneBadRequest(req, 'displayName is required.');
  if (key === '#microsoft.graph.windows10customconfiguration') {
    const problem = omaSettingsProblem(body.omaSettings);
    if (problem) return intuneBadRequest(req, problem);
  }
  const now = new Date().toISOString();
  const { '@odata.type': _type, id: _id, displayName, description, version: _version, createdDateTime: _c, lastModifiedDateTime: _m, ...properties } = body;
  const config: SimDeviceConfiguration = {
    '@odata.type': type,
    id: randomUUID(),
    displayName: String(displayName),
    description: typeof description === 'string' ? description : null,
    version: 1,
    createdDateTime: now,
    lastModifiedDateTime: now,
    properties,
    assignments: [],
  };
  policiesOf(ctx, 'deviceConfigurations').push(config);
  return { status: 201, body: { '@odata.context': odataContext(ctx, req, 'deviceManagement/deviceConfigurations/$entity'), ...asGraph(req, config) } };
}

/** `GET .../{collection}/{id}/assignments`. */
export function listPolicyAssignments(ctx: SimContext, req: GraphRequest, collection: PolicyCollection, id: string): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  const config = find(ctx, req, id, collection);
  if (!config) return intuneNotFound(req, id);
  return assignmentsBody(ctx, req, `deviceManagement/${SEGMENTS[collection]}('${config.id}')/assignments`, config.assignments);
}

/** `POST .../deviceConfigurations/{id}/assign`: the given assignments replace the old ones. */
export function assignConfiguration(ctx: SimContext, req: GraphRequest, id: string): GraphResult {
  const denied = intuneDenied(ctx, req, 'write');
  if (denied) return denied;
  const config = find(ctx, req, id);
  if (!config) return intuneNotFound(req, id);
  const assignments = readAssignments(req, config.id);
  if (!Array.isArray(assignments)) return assignments;
  config.assignments = assignments;
  config.lastModifiedDateTime = new Date().toISOString();
  return assignmentsBody(ctx, req, 'Collection(microsoft.graph.deviceConfigurationAssignment)', assignments);
}

/** `GET .../{collection}/{id}/deviceStatusOverview`. */
export function policyOverview(ctx: SimContext, req: GraphRequest, collection: PolicyCollection, id: string): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  const config = find(ctx, req, id, collection);
  if (!config) return intuneNotFound(req, id);
  const counts = countStates(deviceStates(ctx.state, config));
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx, req, `deviceManagement/${SEGMENTS[collection]}('${config.id}')/deviceStatusOverview/$entity`),
      id: `${config.id}`,
      pendingCount: counts.pending,
      notApplicableCount: counts.notApplicable,
      successCount: counts.succeeded,
      errorCount: counts.error,
      failedCount: counts.failed,
      ...(req.version === 'beta' ? { notApplicablePlatformCount: 0, conflictCount: counts.conflict } : {}),
      lastUpdateDateTime: config.lastModifiedDateTime,
      configurationVersion: config.version,
    },
  };
}

const STATUS_NAMES = { succeeded: 'compliant', pending: 'unknown', error: 'error', failed: 'nonCompliant', conflict: 'conflict', notApplicable: 'notApplicable' } as const;

/** `GET .../deviceConfigurations/{id}/deviceStatuses`: one row per device the policy reaches. */
export function configurationDeviceStatuses(ctx: SimContext, req: GraphRequest, id: string): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  const config = find(ctx, req, id);
  if (!config) return intuneNotFound(req, id);
  const rows = deviceStates(ctx.state, config).map(({ device, user, state }) => ({
    id: `${config.id}_${device.id}`,
    deviceDisplayName: device.deviceName,
    userName: user?.displayName ?? '',
    deviceModel: device.model,
    ...(req.version === 'beta' ? { platform: device.operatingSystem === 'Windows' ? 0 : 1 } : {}),
    complianceGracePeriodExpirationDateTime: '9999-12-31T23:59:59Z',
    status: STATUS_NAMES[state],
    lastReportedDateTime: device.lastSyncDateTime,
    userPrincipalName: user?.userPrincipalName ?? '',
  }));
  return { status: 200, body: { '@odata.context': odataContext(ctx, req, `deviceManagement/deviceConfigurations('${config.id}')/deviceStatuses`), value: rows } };
}
