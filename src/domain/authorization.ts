import type { Directory } from '../ports/directory';
import type { DelegatedPrincipal } from '../ports/identity';
import { AppError } from './errors';
import type { Actor } from './model';

/** The agent's own delegated authority: every Graph call of a flow runs as the agent. */
export function asAgent(actor: Pick<Actor, 'oid'>): DelegatedPrincipal {
  return { kind: 'delegated', oid: actor.oid };
}

/**
 * Only members of the helpdesk group may reset someone else's device. Checked through Graph with
 * the agent's own token, before any Intune call. Throws access.notHelpdesk otherwise; directory
 * errors (auth.*, graph.*) pass through unchanged.
 */
export async function assertHelpdeskAgent(
  directory: Directory,
  helpdeskGroupId: string,
  actor: Pick<Actor, 'oid'>,
): Promise<void> {
  const member = await directory.isMemberOf(helpdeskGroupId, asAgent(actor));
  if (!member) {
    throw new AppError('access.notHelpdesk', 'Only members of the helpdesk group can reset passcodes.');
  }
}
