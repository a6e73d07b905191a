import type { SimContext } from '../context';
import type { GraphResult } from '../graph-errors';
import { odataContext, type GraphRequest } from '../graph-request';
import { assignmentsBody } from './assignments';
import { countStates, deviceStates } from './device-states';
import { intuneDenied, intuneNotFound } from './intune-access';
import { emptyReadiness, type SimIntent } from './types';

/** Endpoint security profiles (`/beta/deviceManagement/intents`): read-only here. */

const intentsOf = (ctx: SimContext): SimIntent[] => (ctx.state.readiness ?? emptyReadiness()).intents;

function asGraph(intent: SimIntent): Record<string, unknown> {
  return {
    id: intent.id,
    displayName: intent.displayName,
    description: intent.description,
    isAssigned: intent.assignments.length > 0,
    isMigratingToConfigurationPolicy: false,
    lastModifiedDateTime: intent.lastModifiedDateTime,
    templateId: intent.templateId,
    roleScopeTagIds: ['0'],
  };
}

export function listIntents(ctx: SimContext, req: GraphRequest): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  return { status: 200, body: { '@odata.context': odataContext(ctx, req, 'deviceManagement/intents'), value: intentsOf(ctx).map(asGraph) } };
}

/** `/intents/{id}[/settings|/assignments|/deviceStateSummary]`. */
export function intentPart(ctx: SimContext, req: GraphRequest, id: string, part: string | undefined): GraphResult {
  const denied = intuneDenied(ctx, req, 'read');
  if (denied) return denied;
  const intent = intentsOf(ctx).find((i) => i.id.toLowerCase() === id.toLowerCase());
  if (!intent) return intuneNotFound(req, id);
  const base = `deviceManagement/intents('${intent.id}')`;
  switch (part?.toLowerCase()) {
    case undefined:
      return { status: 200, body: { '@odata.context': odataContext(ctx, req, 'deviceManagement/intents/$entity'), ...asGraph(intent) } };
    case 'settings':
      return { status: 200, body: { '@odata.context': odataContext(ctx, req, `${base}/settings`), value: structuredClone(intent.settings) } };
    case 'assignments':
      return assignmentsBody(ctx, req, `${base}/assignments`, intent.assignments);
    case 'devicestatesummary': {
      const states = deviceStates(ctx.state, intent);
      const counts = countStates(states);
      // Intents tell platform mismatches (an iOS device of a user group) from other non-applicable ones.
      const otherPlatform = states.filter((s) => s.state === 'notApplicable' && s.device.operatingSystem !== 'Windows').length;
      return {
        status: 200,
        body: {
          '@odata.context': odataContext(ctx, req, `${base}/deviceStateSummary/$entity`),
          id: `${intent.id}_deviceStateSummary`,
          conflictCount: counts.conflict,
          errorCount: counts.error,
          failedCount: counts.failed,
          notApplicableCount: counts.notApplicable - otherPlatform,
          notApplicablePlatformCount: otherPlatform,
          successCount: counts.succeeded,
        },
      };
    }
    default:
      return intuneNotFound(req, part ?? id);
  }
}
