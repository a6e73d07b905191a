import type { SimContext } from '../context';
import type { GraphResult } from '../graph-errors';
import { odataContext, type GraphRequest } from '../graph-request';
import { isObject } from '../http-io';
import { countStates, deviceStates } from './device-states';
import { intuneBadRequest, intuneDenied, intuneNotFound } from './intune-access';
import { emptyReadiness, type SimConfigurationPolicy } from './types';

/** Settings catalog policies (`/beta/deviceManagement/configurationPolicies`) and their status report. */

const policiesOf = (ctx: SimContext): SimConfigurationPolicy[] => (ctx.state.readiness ?? emptyReadiness()).configurationPolicies;

function asGraph(policy: SimConfigurationPolicy): Record<string, unknown> {
  return {
    createdDateTime: policy.createdDateTime,
    creationSource: null,
    description: policy.description,
    lastModifiedDateTime: policy.lastModifiedDateTime,
    name: policy.name,
    platforms: policy.platforms,
    priorityMetaData: null,
    roleScopeTagIds: ['0'],
    settingCount: policy.settings.length,
    technologies: policy.technologies,
    id: policy.id,
    isAssigned: policy.assignments.length > 0,
    templateReference: { templateId: '', templateFamily: 'none', templateDisplayName: null, templateDisplayVersion: null },
  };
}

export function listConfigurationPolicies(ctx: SimContext, req: GraphRequest): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  return { status: 200, body: { '@odata.context': odataContext(ctx, req, 'deviceManagement/configurationPolicies'), value: policiesOf(ctx).map(asGraph) } };
}

/** `/configurationPolicies/{id}[/settings|/assignments]`. */
export function configurationPolicyPart(ctx: SimContext, req: GraphRequest, id: string, part: string | undefined): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  const policy = policiesOf(ctx).find((p) => p.id.toLowerCase() === id.toLowerCase());
  if (!policy) return intuneNotFound(req, id);
  const base = `deviceManagement/configurationPolicies('${policy.id}')`;
  switch (part?.toLowerCase()) {
    case undefined:
      return { status: 200, body: { '@odata.context': odataContext(ctx, req, 'deviceManagement/configurationPolicies/$entity'), ...asGraph(policy) } };
    case 'settings':
      return { status: 200, body: { '@odata.context': odataContext(ctx, req, `${base}/settings`), value: structuredClone(policy.settings) } };
    case 'assignments':
      return {
        status: 200,
        body: {
          '@odata.context': odataContext(ctx, req, `${base}/assignments`),
          value: policy.assignments.map((a) => ({ id: a.id, source: 'direct', sourceId: policy.id, target: { ...a.target } })),
        },
      };
    default:
      return intuneNotFound(req, part ?? id);
  }
}

const REPORT_COLUMNS = [
  ['NumberOfCompliantDevices', 'Int32'],
  ['NumberOfConflictDevices', 'Int32'],
  ['NumberOfErrorDevices', 'Int32'],
  ['NumberOfInProgressDevices', 'Int32'],
  ['NumberOfNonCompliantDevices', 'Int32'],
  ['NumberOfNotApplicableDevices', 'Int32'],
  ['PolicyBaseTypeName', 'String'],
  ['PolicyId', 'String'],
] as const;

/**
 * `POST /deviceManagement/reports/getConfigurationPolicyDeviceSummaryReport` with
 * `filter: "(PolicyId eq '…')"`: Intune's report format (Schema + Values rows).
 */
export function configurationPolicyDeviceSummaryReport(ctx: SimContext, req: GraphRequest): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  const filter = isObject(req.body) && typeof req.body.filter === 'string' ? req.body.filter : '';
  const policyId = /PolicyId\s+eq\s+'([^']+)'/i.exec(filter)?.[1];
  if (!policyId) return intuneBadRequest(req, 'The report needs a filter on PolicyId.');
  const policy = policiesOf(ctx).find((p) => p.id.toLowerCase() === policyId.toLowerCase());
  const rows: unknown[][] = [];
  if (policy) {
    const c = countStates(deviceStates(ctx.state, policy));
    rows.push([c.succeeded, c.conflict, c.error, c.pending, c.failed, c.notApplicable, 'DeviceManagementConfigurationPolicy', policy.id]);
  }
  return {
    status: 200,
    body: {
      TotalRowCount: rows.length,
      Schema: REPORT_COLUMNS.map(([Column, PropertyType]) => ({ Column, PropertyType })),
      Values: rows,
      SessionId: '',
    },
  };
}
