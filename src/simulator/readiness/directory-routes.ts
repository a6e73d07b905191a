import type { SimContext } from '../context';
import { isGranted, type Requirement } from '../graph-auth';
import { graphError, type GraphResult } from '../graph-errors';
import { odataContext, type GraphRequest } from '../graph-request';
import { FilterSyntaxError, filterProperties, matchesFilter, parseFilter } from '../odata-filter';
import { QueryError, paginate, parseSelect, parseTop, project, queryOption } from '../odata-query';
import { READ_GROUPS, READ_ORGANIZATION, READ_ORGANIZATION_FULLY, READ_SERVICE_PRINCIPALS } from './permissions';
import { emptyReadiness } from './types';

const PAGE_SIZE = 100;

function denied(req: GraphRequest): GraphResult {
  return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', req.ids);
}

function badQuery(req: GraphRequest, error: unknown): GraphResult {
  if (error instanceof QueryError) return graphError(400, error.code, error.message, req.ids);
  if (error instanceof FilterSyntaxError) return graphError(400, 'BadRequest', error.message, req.ids);
  throw error;
}

interface Collection {
  entity: string;
  /** Entra's resource name in error messages, e.g. `ServicePrincipal`. */
  resource: string;
  requirement: Requirement;
  properties: readonly string[];
  defaults: readonly string[];
  /** Properties `$filter` accepts, with the operators Entra allows on them. */
  filterable: Readonly<Record<string, ReadonlyArray<'eq' | 'startswith'>>>;
}

/** A directory collection with `$filter` (eq / startswith on the supported properties), `$select`, `$top` and paging. */
function listDirectory(ctx: SimContext, req: GraphRequest, collection: Collection, items: Array<Record<string, unknown>>): GraphResult {
  if (!isGranted(req.principal, collection.requirement)) return denied(req);
  try {
    const select = parseSelect(queryOption(req.query, 'select'), collection.properties, `microsoft.graph.${collection.entity}`);
    const top = parseTop(queryOption(req.query, 'top'), 999);
    const rawFilter = queryOption(req.query, 'filter');
    const filter = rawFilter === undefined ? undefined : parseFilter(rawFilter);
    if (filter) {
      for (const { property, operator } of filterProperties(filter)) {
        const allowed = Object.entries(collection.filterable).find(([name]) => name.toLowerCase() === property.toLowerCase())?.[1];
        if (!allowed?.includes(operator)) {
          throw new QueryError('Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${property}' of resource '${collection.resource}'.`);
        }
      }
    }
    const matching = filter ? items.filter((item) => matchesFilter(filter, item)) : items;
    const page = paginate(matching, req.query, top ?? PAGE_SIZE, req.requestUrl);
    const name = `${collection.entity}s`;
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, req, select ? `${name}(${select.join(',')})` : name),
        ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
        value: page.value.map((item) => project(item, select ?? collection.defaults)),
      },
    };
  } catch (error) {
    return badQuery(req, error);
  }
}

const SERVICE_PRINCIPALS: Collection = {
  entity: 'servicePrincipal',
  resource: 'ServicePrincipal',
  requirement: READ_SERVICE_PRINCIPALS,
  properties: ['id', 'appId', 'displayName', 'appDisplayName', 'appOwnerOrganizationId', 'servicePrincipalType', 'accountEnabled', 'servicePrincipalNames', 'tags'],
  defaults: ['id', 'appId', 'displayName', 'appDisplayName', 'appOwnerOrganizationId', 'servicePrincipalType', 'accountEnabled', 'servicePrincipalNames', 'tags'],
  filterable: { id: ['eq'], appId: ['eq'], displayName: ['eq', 'startswith'], servicePrincipalType: ['eq'] },
};

/** `GET /servicePrincipals` — the tenant's enterprise applications (`$filter=appId eq '…'`). */
export function listServicePrincipals(ctx: SimContext, req: GraphRequest): GraphResult {
  const items = (ctx.state.readiness ?? emptyReadiness()).servicePrincipals.map((sp) => ({
    id: sp.id,
    appId: sp.appId,
    displayName: sp.displayName,
    appDisplayName: sp.displayName,
    appOwnerOrganizationId: sp.appOwnerOrganizationId,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    servicePrincipalNames: [sp.appId],
    tags: [],
  }));
  return listDirectory(ctx, req, SERVICE_PRINCIPALS, items);
}

const GROUP_PROPS = ['id', 'displayName', 'description', 'mail', 'mailEnabled', 'mailNickname', 'securityEnabled', 'groupTypes', 'createdDateTime'];
const GROUPS: Collection = {
  entity: 'group',
  resource: 'Group',
  requirement: READ_GROUPS,
  properties: GROUP_PROPS,
  defaults: GROUP_PROPS,
  filterable: { id: ['eq'], displayName: ['eq', 'startswith'], mail: ['eq', 'startswith'], mailNickname: ['eq', 'startswith'] },
};

function groupsAsGraph(ctx: SimContext): Array<Record<string, unknown>> {
  return ctx.state.groups.map((g) => ({
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mail: null,
    mailEnabled: false,
    mailNickname: g.displayName.replace(/[^A-Za-z0-9]/g, '').toLowerCase() || g.id.slice(0, 8),
    securityEnabled: true,
    groupTypes: [],
    createdDateTime: '2025-01-15T09:00:00Z',
  }));
}

/** `GET /groups` with `$filter` on displayName. */
export function listGroups(ctx: SimContext, req: GraphRequest): GraphResult {
  return listDirectory(ctx, req, GROUPS, groupsAsGraph(ctx));
}

/** `GET /groups/{id}`. */
export function getGroup(ctx: SimContext, req: GraphRequest, id: string): GraphResult {
  if (!isGranted(req.principal, READ_GROUPS)) return denied(req);
  const group = groupsAsGraph(ctx).find((g) => String(g.id).toLowerCase() === id.toLowerCase());
  if (!group) {
    return graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`, req.ids);
  }
  try {
    const select = parseSelect(queryOption(req.query, 'select'), GROUP_PROPS, 'microsoft.graph.group');
    return {
      status: 200,
      body: { '@odata.context': odataContext(ctx, req, select ? `groups(${select.join(',')})/$entity` : 'groups/$entity'), ...project(group, select ?? GROUP_PROPS) },
    };
  } catch (error) {
    return badQuery(req, error);
  }
}

const ORGANIZATION_PROPS = ['id', 'displayName', 'verifiedDomains', 'tenantType', 'countryLetterCode', 'preferredLanguage', 'createdDateTime', 'businessPhones', 'city'];

/**
 * `GET /organization`: one object. With only User.Read, Entra fills id, displayName and
 * verifiedDomains and leaves the rest null.
 */
export function listOrganization(ctx: SimContext, req: GraphRequest): GraphResult {
  if (!isGranted(req.principal, READ_ORGANIZATION)) return denied(req);
  const full = isGranted(req.principal, READ_ORGANIZATION_FULLY);
  const state = ctx.state;
  const organization: Record<string, unknown> = {
    id: state.tenantId,
    displayName: state.displayName,
    verifiedDomains: state.domains.map((name, i) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: i === 0,
      isInitial: name.endsWith('.onmicrosoft.com'),
      name,
      type: 'Managed',
    })),
    tenantType: full ? 'AAD' : null,
    countryLetterCode: full ? 'JP' : null,
    preferredLanguage: full ? 'en' : null,
    createdDateTime: full ? '2019-04-01T00:00:00Z' : null,
    businessPhones: full ? ['+81 3 5555 0100'] : [],
    city: full ? 'Tokyo' : null,
  };
  try {
    const select = parseSelect(queryOption(req.query, 'select'), ORGANIZATION_PROPS, 'microsoft.graph.organization');
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, req, select ? `organization(${select.join(',')})` : 'organization'),
        value: [project(organization, select ?? ORGANIZATION_PROPS)],
      },
    };
  } catch (error) {
    return badQuery(req, error);
  }
}
