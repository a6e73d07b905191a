import type { SimContext } from '../context';
import { graphError, type GraphResult } from '../graph-errors';
import type { GraphRequest } from '../graph-request';
import {
  assignConfiguration,
  configurationDeviceStatuses,
  createConfiguration,
  getPolicy,
  listPolicies,
  listPolicyAssignments,
  policyOverview,
  type PolicyCollection,
} from './configuration-routes';
import { getGroup, listGroups, listOrganization, listServicePrincipals } from './directory-routes';
import { intentPart, listIntents } from './intent-routes';
import { configurationPolicyDeviceSummaryReport, configurationPolicyPart, listConfigurationPolicies } from './settings-catalog-routes';

type Handler = () => GraphResult;

const methodNotAllowed = (req: GraphRequest): GraphResult =>
  graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.', req.ids);

const unknownSegment = (req: GraphRequest, segment: string): GraphResult =>
  graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`, req.ids);

/** Pick the handler for the request's method; anything else is a 405. */
function byMethod(req: GraphRequest, handlers: Partial<Record<'GET' | 'POST', Handler>>): GraphResult {
  const handler = handlers[req.method.toUpperCase() as 'GET' | 'POST'];
  return handler ? handler() : methodNotAllowed(req);
}

/**
 * `/deviceManagement/deviceConfigurations[/{id}[/assignments|/assign|/deviceStatusOverview|/deviceStatuses]]`,
 * and the reads of `/deviceManagement/deviceCompliancePolicies[/{id}[/assignments|/deviceStatusOverview]]`.
 */
function intunePolicies(ctx: SimContext, req: GraphRequest, collection: PolicyCollection, rest: string[]): GraphResult {
  const profiles = collection === 'deviceConfigurations';
  const [id, part, ...more] = rest;
  if (id === undefined) return byMethod(req, { GET: () => listPolicies(ctx, req, collection), ...(profiles ? { POST: () => createConfiguration(ctx, req) } : {}) });
  if (part === undefined) return byMethod(req, { GET: () => getPolicy(ctx, req, collection, id) });
  if (more.length > 0) return unknownSegment(req, more[0] as string);
  switch (part.toLowerCase()) {
    case 'assignments':
      return byMethod(req, { GET: () => listPolicyAssignments(ctx, req, collection, id) });
    case 'devicestatusoverview':
      return byMethod(req, { GET: () => policyOverview(ctx, req, collection, id) });
    case 'assign':
      if (profiles) return byMethod(req, { POST: () => assignConfiguration(ctx, req, id) });
      break;
    case 'devicestatuses':
      if (profiles) return byMethod(req, { GET: () => configurationDeviceStatuses(ctx, req, id) });
      break;
  }
  return unknownSegment(req, part);
}

/** Endpoint security, Settings catalog and reports exist in beta only. */
function betaDeviceManagement(ctx: SimContext, req: GraphRequest, collection: string, rest: string[]): GraphResult {
  if (req.version !== 'beta') return unknownSegment(req, collection);
  const [id, part, ...more] = rest;
  if (more.length > 0) return unknownSegment(req, more[0] as string);
  switch (collection.toLowerCase()) {
    case 'intents':
      return byMethod(req, { GET: () => (id === undefined ? listIntents(ctx, req) : intentPart(ctx, req, id, part)) });
    case 'configurationpolicies':
      return byMethod(req, { GET: () => (id === undefined ? listConfigurationPolicies(ctx, req) : configurationPolicyPart(ctx, req, id, part)) });
    default:
      // reports
      if (id?.toLowerCase() !== 'getconfigurationpolicydevicesummaryreport' || part !== undefined) return unknownSegment(req, id ?? collection);
      return byMethod(req, { POST: () => configurationPolicyDeviceSummaryReport(ctx, req) });
  }
}

/**
 * The Graph endpoints of the readiness check, or undefined when the path is none of them (the
 * main router then answers as Graph does for an unknown segment).
 */
export function routeReadiness(ctx: SimContext, req: GraphRequest): GraphResult | undefined {
  const [root, ...rest] = req.segments;
  switch (root?.toLowerCase()) {
    case 'serviceprincipals':
      return rest.length === 0 ? byMethod(req, { GET: () => listServicePrincipals(ctx, req) }) : undefined;
    case 'organization':
      return rest.length === 0 ? byMethod(req, { GET: () => listOrganization(ctx, req) }) : undefined;
    case 'groups': {
      const [id, ...below] = rest;
      if (id === undefined) return byMethod(req, { GET: () => listGroups(ctx, req) });
      return below.length === 0 ? byMethod(req, { GET: () => getGroup(ctx, req, id) }) : undefined;
    }
    case 'devicemanagement': {
      const [collection, ...below] = rest;
      switch (collection?.toLowerCase()) {
        case 'deviceconfigurations':
          return intunePolicies(ctx, req, 'deviceConfigurations', below);
        case 'devicecompliancepolicies':
          return intunePolicies(ctx, req, 'compliancePolicies', below);
        case 'intents':
        case 'configurationpolicies':
        case 'reports':
          return betaDeviceManagement(ctx, req, collection as string, below);
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}
