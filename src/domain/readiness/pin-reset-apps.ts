import type { ReadinessGateway } from '../../ports/readiness-gateway';
import { attempt } from './failures';
import { PIN_RESET_APPS, adminConsentLink, type PinResetAppState, type PinResetAppsCheck, type ReadinessContext } from './model';

/**
 * Check 1: both PIN reset apps are enterprise applications of the tenant. The fix is always both
 * consent links, in order (consenting again to an app already there does no harm).
 */
export async function checkPinResetApps(gateway: ReadinessGateway, context: ReadinessContext): Promise<PinResetAppsCheck> {
  const consentLinks = PIN_RESET_APPS.map((app) => ({
    appId: app.appId,
    name: app.name,
    url: adminConsentLink(context.authorityHost, context.tenantId, app.appId),
  }));
  const apps: PinResetAppState[] = [];
  for (const app of PIN_RESET_APPS) {
    const read = await attempt(() => gateway.findServicePrincipal(app.appId));
    if (!read.ok) {
      return { status: 'unknown', apps: PIN_RESET_APPS.map((a) => ({ appId: a.appId, name: a.name, state: 'failed' })), consentLinks, failure: read.failure };
    }
    apps.push({ appId: app.appId, name: app.name, state: read.value ? 'ok' : 'missing' });
  }
  return { status: apps.every((a) => a.state === 'ok') ? 'pass' : 'fail', apps, consentLinks };
}
