import type { SimContext } from './context';
import {
  CHECK_OWN_GROUPS,
  CHECK_USER_GROUPS,
  READ_ME,
  READ_USERS,
  isGranted,
  type Principal,
  type Requirement,
} from './graph-auth';
import { graphError, type GraphResult } from './graph-errors';
import { odataContext, type GraphRequest } from './graph-request';
import { isObject } from './http-io';
import { FilterSyntaxError, filterProperties, matchesFilter, parseFilter, type FilterNode } from './odata-filter';
import { QueryError, paginate, parseOrderBy, parseSelect, parseTop, project, queryOption, sortBy } from './odata-query';
import { findUser } from './state';
import type { SimUser } from './types';

/** Properties `GET /users` returns without `$select` in v1.0. */
const V1_DEFAULT = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone',
  'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id',
];
const ALL_PROPS = [...V1_DEFAULT, 'department', 'accountEnabled'];
const EQ_FILTERABLE = ['id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'jobTitle', 'department'];
const STARTSWITH_FILTERABLE = ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'jobTitle', 'department'];
const SORTABLE = ['displayName', 'userPrincipalName'];
const PAGE_SIZE = 100;

function asGraph(user: SimUser): Record<string, unknown> {
  return {
    businessPhones: [...user.businessPhones],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: user.mobilePhone,
    officeLocation: user.officeLocation,
    preferredLanguage: user.preferredLanguage,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    department: user.department,
    accountEnabled: user.accountEnabled,
  };
}

function denied(req: GraphRequest): GraphResult {
  return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', req.ids);
}

function notFound(req: GraphRequest, key: string): GraphResult {
  return graphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`, req.ids);
}

function badQuery(req: GraphRequest, error: unknown): GraphResult {
  if (error instanceof QueryError) return graphError(400, error.code, error.message, req.ids);
  if (error instanceof FilterSyntaxError) return graphError(400, 'BadRequest', error.message, req.ids);
  throw error;
}

function checkFilter(node: FilterNode): void {
  for (const { property, operator } of filterProperties(node)) {
    const allowed = operator === 'eq' ? EQ_FILTERABLE : STARTSWITH_FILTERABLE;
    if (!allowed.some((p) => p.toLowerCase() === property.toLowerCase())) {
      throw new QueryError('Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`);
    }
  }
}

const selectFor = (req: GraphRequest): string[] | undefined => parseSelect(queryOption(req.query, 'select'), ALL_PROPS, 'microsoft.graph.user');
const defaultProps = (req: GraphRequest): string[] => (req.version === 'v1.0' ? V1_DEFAULT : ALL_PROPS);

/** `GET /users` with `$filter`, `$select`, `$top`, `$orderby`, `$count` and paging. */
export function listUsers(ctx: SimContext, req: GraphRequest): GraphResult {
  if (!isGranted(req.principal, READ_USERS)) return denied(req);
  try {
    const select = selectFor(req);
    const top = parseTop(queryOption(req.query, 'top'), 999);
    const rawFilter = queryOption(req.query, 'filter');
    const filter = rawFilter === undefined ? undefined : parseFilter(rawFilter);
    if (filter) checkFilter(filter);
    const advanced = req.header('consistencylevel')?.toLowerCase() === 'eventual';
    if (queryOption(req.query, 'search') !== undefined) {
      // Not simulated; without the header Graph refuses it exactly like this.
      throw new QueryError('Request_UnsupportedQuery', advanced ? '$search is not supported by the simulated tenant.' : "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    }
    const count = queryOption(req.query, 'count');
    if (count !== undefined && !(advanced && count === 'true')) {
      throw new QueryError('Request_BadRequest', '$count is not currently supported.');
    }
    const order = parseOrderBy(queryOption(req.query, 'orderby'), SORTABLE);
    // Entra sorts a filtered list only as an advanced query.
    if (order && filter && !(advanced && count === 'true')) {
      throw new QueryError('Request_UnsupportedQuery', 'Sorting not supported for current query.');
    }
    let users = ctx.state.users.map(asGraph);
    if (filter) users = users.filter((u) => matchesFilter(filter, u));
    if (order) users = sortBy(users, order);
    const page = paginate(users, req.query, top ?? PAGE_SIZE, req.requestUrl);
    const props = select ?? defaultProps(req);
    return {
      status: 200,
      body: {
        '@odata.context': odataContext(ctx, req, select ? `users(${select.join(',')})` : 'users'),
        ...(count === 'true' ? { '@odata.count': users.length } : {}),
        ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
        value: page.value.map((u) => project(u, props)),
      },
    };
  } catch (error) {
    return badQuery(req, error);
  }
}

function meOnly(req: GraphRequest): GraphResult {
  return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.', req.ids);
}

/** The user a `/users/{key}` or `/me` path names, or the error Graph gives. */
export function resolveUser(ctx: SimContext, req: GraphRequest, key: string | 'me'): SimUser | GraphResult {
  const p: Principal = req.principal;
  if (key === 'me') {
    if (p.kind !== 'user') return meOnly(req);
    const self = ctx.state.users.find((u) => u.id === p.oid);
    return self ?? notFound(req, p.oid);
  }
  return findUser(ctx.state, key) ?? notFound(req, key);
}

const isUser = (v: SimUser | GraphResult): v is SimUser => 'userPrincipalName' in v;

/** `GET /users/{id|upn}` and `GET /me`. */
export function getUser(ctx: SimContext, req: GraphRequest, key: string | 'me'): GraphResult {
  if (key === 'me' && req.principal.kind !== 'user') return meOnly(req);
  const p = req.principal;
  const self = p.kind === 'user' && (key === 'me' || findUser(ctx.state, key)?.id === p.oid);
  // Reading one's own profile needs only User.Read.
  if (!isGranted(p, READ_USERS) && !(self && isGranted(p, READ_ME))) return denied(req);
  const user = resolveUser(ctx, req, key);
  if (!isUser(user)) return user;
  try {
    const select = selectFor(req);
    const fragment = select ? `users(${select.join(',')})/$entity` : 'users/$entity';
    return {
      status: 200,
      body: { '@odata.context': odataContext(ctx, req, fragment), ...project(asGraph(user), select ?? defaultProps(req)) },
    };
  } catch (error) {
    return badQuery(req, error);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `POST /me/checkMemberGroups` and `/users/{id}/checkMemberGroups`. */
export function checkMemberGroups(ctx: SimContext, req: GraphRequest, key: string | 'me'): GraphResult {
  if (key === 'me' && req.principal.kind !== 'user') return meOnly(req);
  const requirement: Requirement = key === 'me' ? CHECK_OWN_GROUPS : CHECK_USER_GROUPS;
  if (!isGranted(req.principal, requirement)) return denied(req);
  const user = resolveUser(ctx, req, key);
  if (!isUser(user)) return user;
  const groupIds = isObject(req.body) ? req.body.groupIds : undefined;
  if (!Array.isArray(groupIds)) {
    return graphError(400, 'Request_BadRequest', "One or more parameters of the function import 'checkMemberGroups' are missing from the request payload. The missing parameters are: groupIds.", req.ids);
  }
  if (groupIds.length > 20) {
    return graphError(400, 'Request_BadRequest', 'The number of group ids in the request exceeds the maximum of 20.', req.ids);
  }
  const bad = groupIds.find((g) => typeof g !== 'string' || !GUID.test(g));
  if (bad !== undefined) return graphError(400, 'Request_BadRequest', `Invalid GUID:${String(bad)}`, req.ids);
  const member = new Set(user.memberOf.map((g) => g.toLowerCase()));
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx, req, 'Collection(Edm.String)'),
      value: (groupIds as string[]).filter((g) => member.has(g.toLowerCase())),
    },
  };
}
