import type { SimContext } from './context';
import { getDevice, listDevices, resetPasscode } from './device-routes';
import { graphError, type GraphResult } from './graph-errors';
import type { GraphRequest } from './graph-request';
import { routeReadiness } from './readiness/router';
import { checkMemberGroups, getUser, listUsers, resolveUser } from './user-routes';
import type { SimUser } from './types';

const methodNotAllowed = (req: GraphRequest): GraphResult =>
  graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.', req.ids);

const unknownSegment = (req: GraphRequest, segment: string): GraphResult =>
  graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`, req.ids);

/** Answer `method` only; anything else is a 405. */
function only(req: GraphRequest, method: 'GET' | 'POST', handle: () => GraphResult): GraphResult {
  return req.method === method ? handle() : methodNotAllowed(req);
}

/** `/users/{key}/managedDevices[/{id}[/resetPasscode]]` and `/me/...` below the user. */
function underUser(ctx: SimContext, req: GraphRequest, key: string, rest: string[]): GraphResult {
  const [first, deviceId, action, ...more] = rest;
  const lowerFirst = first?.toLowerCase();
  if (first === undefined) return only(req, 'GET', () => getUser(ctx, req, key));
  if (lowerFirst === 'checkmembergroups' && deviceId === undefined) return only(req, 'POST', () => checkMemberGroups(ctx, req, key));
  if (lowerFirst !== 'manageddevices') return unknownSegment(req, first);
  const owner = resolveUser(ctx, req, key);
  if (!('userPrincipalName' in owner)) return owner;
  const user: SimUser = owner;
  if (deviceId === undefined) return only(req, 'GET', () => listDevices(ctx, req, user));
  if (action === undefined) return only(req, 'GET', () => getDevice(ctx, req, deviceId, user));
  if (action.toLowerCase() === 'resetpasscode' && more.length === 0) return only(req, 'POST', () => resetPasscode(ctx, req, deviceId, user));
  return unknownSegment(req, action);
}

/** Route one authenticated Graph request (not `$batch`) to its handler. */
export function routeGraph(ctx: SimContext, req: GraphRequest): GraphResult {
  const [root, ...rest] = req.segments;
  switch (root?.toLowerCase()) {
    case 'users': {
      const [key, ...below] = rest;
      if (key === undefined) return only(req, 'GET', () => listUsers(ctx, req));
      return underUser(ctx, req, key, below);
    }
    case 'me':
      return underUser(ctx, req, 'me', rest);
    case 'devicemanagement': {
      const [collection, id, action, ...more] = rest;
      if (collection?.toLowerCase() !== 'manageddevices') return routeReadiness(ctx, req) ?? unknownSegment(req, collection ?? 'deviceManagement');
      if (id === undefined) return only(req, 'GET', () => listDevices(ctx, req));
      if (action === undefined) return only(req, 'GET', () => getDevice(ctx, req, id));
      if (action.toLowerCase() === 'resetpasscode' && more.length === 0) return only(req, 'POST', () => resetPasscode(ctx, req, id));
      return unknownSegment(req, action);
    }
    default:
      return routeReadiness(ctx, req) ?? unknownSegment(req, root ?? '');
  }
}
