import type { TurnContext } from 'botbuilder';
import { tenantOf } from '../adapters/teams/conversation-reference';

/**
 * Whether an activity comes from our tenant. An activity that names no tenant is refused too:
 * Teams always names one, and a bot for one tenant's helpdesk has no reason to guess.
 */
export function isFromTenant(context: TurnContext, tenantId: string): boolean {
  const tenant = tenantOf(context.activity);
  return tenant !== undefined && tenant.toLowerCase() === tenantId.toLowerCase();
}
