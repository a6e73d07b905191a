import type { ReadinessGateway } from '../../ports/readiness-gateway';
import { checkBotPermissions } from './bot-permissions';
import type { ReadinessContext, ReadinessReport } from './model';
import { checkPinRecoveryPolicy } from './pin-recovery-policy';
import { checkPinResetApps } from './pin-reset-apps';

/**
 * The three readiness checks, as the signed-in admin (chat) or app-only (terminal). Reads that
 * fail become part of the report (status `unknown` with the reason); this never throws for them.
 */
export async function runReadinessChecks(gateway: ReadinessGateway, context: ReadinessContext, now: Date = new Date()): Promise<ReadinessReport> {
  const [apps, policy, permissions] = await Promise.all([
    checkPinResetApps(gateway, context),
    checkPinRecoveryPolicy(gateway, context),
    checkBotPermissions(gateway, context),
  ]);
  return {
    mode: gateway.mode,
    checkedAt: now.toISOString(),
    tenantId: context.tenantId,
    apps,
    policy,
    permissions,
    allPassed: [apps, policy, permissions].every((check) => check.status === 'pass'),
  };
}
