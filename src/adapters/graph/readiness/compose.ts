import type { Settings } from '../../../config/settings';
import type { ReadinessFeatureDeps } from '../../../bot/readiness/readiness-feature';
import type { Logger } from '../../../ports/logger';
import { createAppTokenProvider, SIGN_IN_PERMISSIONS } from '../../identity';
import { createGraphClient } from '../graph-client';
import { createReadinessGateways, READINESS_PERMISSIONS, type ScopedDelegatedTokens } from './index';

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
  return {
    gateways: createReadinessGateways({
      client: createGraphClient(settings.graphEndpoint),
      graphEndpoint: settings.graphEndpoint,
      delegated,
      appTokens,
      logger,
    }),
    context: {
      tenantId: aad.tenantId,
      clientId: aad.clientId,
      authorityHost: aad.authorityHost,
      helpdeskGroupId: settings.helpdeskGroupId,
      adminGroupId: settings.helpdeskAdminGroupId,
      delegatedPermissions: [...SIGN_IN_PERMISSIONS, ...READINESS_PERMISSIONS.filter((p) => !SIGN_IN_PERMISSIONS.includes(p))],
    },
  };
}
