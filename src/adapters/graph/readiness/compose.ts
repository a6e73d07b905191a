import type { Settings } from '../../../config/settings';
import type { ReadinessFeatureDeps } from '../../../bot/readiness/readiness-feature';
import { windowsPinRecovery } from '../../../domain/readiness/windows-pin-recovery';
import type { Clock } from '../../../ports/clock';
import type { AppTokenProvider } from '../../../ports/identity';
import type { Logger } from '../../../ports/logger';
import type { PinRecoveryStatus } from '../../../ports/pin-recovery-status';
import type { ReadinessGatewayFactory } from '../../../ports/readiness-gateway';
import { SystemClock } from '../../clock/system-clock';
import { createAppTokenProvider, SIGN_IN_PERMISSIONS } from '../../identity';
import { createGraphClient } from '../graph-client';
import { CachedPinRecoveryStatus } from './cached-pin-recovery-status';
import { createReadinessGateways, READINESS_PERMISSIONS, type ScopedDelegatedTokens } from './index';

/** Readiness gateways over Graph for this deployment; without `delegated`, only app-only ones work. */
function gatewaysFor(settings: Settings, delegated: ScopedDelegatedTokens | undefined, appTokens: AppTokenProvider, logger: Logger): ReadinessGatewayFactory {
  return createReadinessGateways({ client: createGraphClient(settings.graphEndpoint), graphEndpoint: settings.graphEndpoint, delegated, appTokens, logger });
}

/** What the checks need to know about this deployment. */
function contextFor(settings: Settings): ReadinessFeatureDeps['context'] {
  const { aad } = settings;
  return {
    tenantId: aad.tenantId,
    clientId: aad.clientId,
    authorityHost: aad.authorityHost,
    helpdeskGroupId: settings.helpdeskGroupId,
    adminGroupId: settings.helpdeskAdminGroupId,
    delegatedPermissions: [...SIGN_IN_PERMISSIONS, ...READINESS_PERMISSIONS.filter((p) => !SIGN_IN_PERMISSIONS.includes(p))],
  };
}

/**
 * The readiness feature from the settings: gateways over Graph (the signed-in admins' tokens, and
 * the app's own through client credentials) and what the checks need to know. The chat passes
 * the bot's delegated token provider; the terminal (`npm run doctor`) has none and runs app-only.
 */
export function createReadiness(settings: Settings, delegated: ScopedDelegatedTokens | undefined, logger: Logger): ReadinessFeatureDeps {
  const { aad } = settings;
  const appTokens = createAppTokenProvider({
    authorityHost: aad.authorityHost,
    tenantId: aad.tenantId,
    clientId: aad.clientId,
    clientSecret: aad.clientSecret,
    clientCertificate: aad.clientCertificate,
    graphEndpoint: settings.graphEndpoint,
    logger,
  });
  return { gateways: gatewaysFor(settings, delegated, appTokens, logger), context: contextFor(settings) };
}

export interface PinRecoveryStatusOptions {
  /** Ages the cached answer; default the system clock. */
  clock?: Clock;
  /** How long a turn waits at most (default 5 s). */
  timeoutMs?: number;
}

/**
 * Whether Windows Hello PIN reset keeps the employee's data in this tenant: checks 1 and 2 of the
 * readiness report, run app-only with the bot's own token (so the answer does not depend on the
 * agent's roles; DeviceManagementConfiguration.Read.All and Application.Read.All as application
 * permissions), cached per process. `appTokens`: the bot's app-only token provider.
 */
export function createPinRecoveryStatus(settings: Settings, appTokens: AppTokenProvider, logger: Logger, options: PinRecoveryStatusOptions = {}): PinRecoveryStatus {
  const log = logger.child({ feature: 'readiness', component: 'pinRecoveryStatus' });
  const gateway = gatewaysFor(settings, undefined, appTokens, logger).appOnly();
  const context = contextFor(settings);
  return new CachedPinRecoveryStatus({
    lookup: () => windowsPinRecovery(gateway, context),
    clock: options.clock ?? new SystemClock(),
    logger: log,
    timeoutMs: options.timeoutMs,
  });
}
