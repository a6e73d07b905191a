import type { SimContext } from '../context';
import type { GraphResult } from '../graph-errors';
import { odataContext, type GraphRequest } from '../graph-request';
import { isObject } from '../http-io';
import { intuneBadRequest } from './intune-access';
import type { SimAssignment } from './types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GROUP_TARGETS = new Set(['#microsoft.graph.groupassignmenttarget', '#microsoft.graph.exclusiongroupassignmenttarget']);
const OTHER_TARGETS = new Set([
  '#microsoft.graph.alldevicesassignmenttarget',
  '#microsoft.graph.alllicensedusersassignmenttarget',
  '#microsoft.graph.configurationmanagercollectionassignmenttarget',
]);

/**
 * The `assignments` of an `assign` action body. Intune keys an assignment by policy and group,
 * so assigning the same group twice keeps one. Answers Intune's 400 for anything malformed.
 */
export function readAssignments(req: GraphRequest, policyId: string): SimAssignment[] | GraphResult {
  const body = req.body;
  const list = isObject(body) ? body.assignments : undefined;
  if (!Array.isArray(list)) return intuneBadRequest(req, "The parameter 'assignments' is required.");
  const byId = new Map<string, SimAssignment>();
  for (const item of list) {
    const target = isObject(item) && isObject(item.target) ? item.target : undefined;
    const raw = String(target?.['@odata.type'] ?? '');
    const type = raw.startsWith('#') ? raw : `#${raw}`;
    if (!target || !(GROUP_TARGETS.has(type.toLowerCase()) || OTHER_TARGETS.has(type.toLowerCase()))) {
      return intuneBadRequest(req, `Unsupported assignment target '${raw}'.`);
    }
    if (GROUP_TARGETS.has(type.toLowerCase())) {
      const groupId = target.groupId;
      if (typeof groupId !== 'string' || !GUID.test(groupId)) return intuneBadRequest(req, 'A group assignment target needs a groupId (a GUID).');
      const exclusion = type.toLowerCase().startsWith('#microsoft.graph.exclusion');
      const id = `${policyId}_${groupId}${exclusion ? '_excluded' : ''}`;
      byId.set(id, { id, target: { '@odata.type': type, groupId } });
    } else {
      const id = `${policyId}_${type.slice('#microsoft.graph.'.length)}`;
      byId.set(id, { id, target: { '@odata.type': type } });
    }
  }
  return [...byId.values()];
}

/** A collection of assignments as Graph answers it. */
export function assignmentsBody(ctx: SimContext, req: GraphRequest, fragment: string, assignments: readonly SimAssignment[]): GraphResult {
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx, req, fragment),
      value: assignments.map((a) => ({ id: a.id, target: { ...a.target } })),
    },
  };
}
