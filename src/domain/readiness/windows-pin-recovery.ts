import type { WindowsPinRecovery } from '../../ports/pin-recovery-status';
import type { ReadinessGateway } from '../../ports/readiness-gateway';
import type { ReadinessContext } from './model';
import { checkPinRecoveryPolicy } from './pin-recovery-policy';
import { checkPinResetApps } from './pin-reset-apps';

/**
 * Checks 1 and 2 of the readiness report, as one answer: `ready` when both pass, `notReady` when
 * either finds something missing (a definite answer, even if the other could not be read),
 * `unknown` otherwise.
 */
export async function windowsPinRecovery(gateway: ReadinessGateway, context: ReadinessContext): Promise<WindowsPinRecovery> {
  const [apps, policy] = await Promise.all([checkPinResetApps(gateway, context), checkPinRecoveryPolicy(gateway, context)]);
  const statuses = [apps.status, policy.status];
  if (statuses.includes('fail')) return 'notReady';
  return statuses.every((status) => status === 'pass') ? 'ready' : 'unknown';
}
