import type { ReadinessGateway } from '../../ports/readiness-gateway';
import { checkAndroidPasscodePolicy } from './android-passcode-policy';
import { checkBotPermissions } from './bot-permissions';
import type { ReadinessContext, ReadinessReport } from './model';
import { checkPinRecoveryPolicy } from './pin-recovery-policy';
import { checkPinResetApps } from './pin-reset-apps';

/**
 * The four readiness checks, as the signed-in admin (chat) or app-only (terminal). Reads that
 * fail become part of the report (status `unknown` with the reason); this never throws for them.
 */
export async function runReadinessChecks(gateway: ReadinessGateway, context: ReadinessContext, now: Date = new Date()): Promise<ReadinessReport> {
  const [apps, policy, permissions, android] = await Promise.all([
    checkPinResetApps(gateway, context),
    checkPinRecoveryPolicy(gateway, context),
    checkBotPermissions(gateway, context),
    checkAndroidPasscodePolicy(gateway),
  ]);
  return {
    mode: gateway.mode,
    checkedAt: now.toISOString(),
    tenantId: context.tenantId,
    apps,
    policy,
    permissions,
    android,
    allPassed: [apps, policy, permissions, android].every((check) => check.status === 'pass'),
  };
}
