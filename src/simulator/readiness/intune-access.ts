import type { SimContext } from '../context';
import { isGranted, type Requirement } from '../graph-auth';
import { intuneError, type GraphResult } from '../graph-errors';
import type { GraphRequest } from '../graph-request';
import { READ_CONFIGURATION, WRITE_CONFIGURATION } from './permissions';

const pathOf = (req: GraphRequest): string => `/${req.segments.join('/')}`;

function scopeDenied(req: GraphRequest, requirement: Requirement): GraphResult {
  const names = requirement.delegated.map((all) => all.join(' + ')).join(', ');
  return intuneError(403, 'Forbidden', `Application is not authorized to perform this operation. Application must have one of the following scopes: ${names}`, req.ids, pathOf(req));
}

/**
 * Intune's gate for policy endpoints: the permission, then (delegated) an Intune role; writing
 * also needs a role that manages configuration. Undefined when allowed.
 */
export function intuneDenied(ctx: SimContext, req: GraphRequest, access: 'read' | 'write'): GraphResult | undefined {
  const requirement = access === 'read' ? READ_CONFIGURATION : WRITE_CONFIGURATION;
  if (!isGranted(req.principal, requirement)) return scopeDenied(req, requirement);
  const p = req.principal;
  if (p.kind !== 'user') return undefined;
  const role = ctx.state.users.find((u) => u.id === p.oid)?.intuneRole;
  if (!role || (access === 'write' && !role.managesConfiguration)) {
    return intuneError(403, 'Forbidden', 'User is not authorized to perform this operation on this resource.', req.ids, pathOf(req));
  }
  return undefined;
}

export function intuneNotFound(req: GraphRequest, id: string): GraphResult {
  return intuneError(404, 'ResourceNotFound', `Resource not found for the segment '${id}'.`, req.ids, pathOf(req));
}

export function intuneBadRequest(req: GraphRequest, text: string): GraphResult {
  return intuneError(400, 'BadRequest', text, req.ids, pathOf(req));
}
