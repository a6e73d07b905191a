import type { ReadinessContext } from '../../domain/readiness/model';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import type { ReadinessGatewayFactory } from '../../ports/readiness-gateway';
import { SetupCheckDialog } from '../../dialogs/setup-check-dialog';
import type { CommandRoute } from '../../dialogs/main-dialog';
import type { FeatureCardActions } from '../passcode-desk-bot';
import type { SessionGate } from '../sign-in/agent-sign-in';
import { CommandSession } from '../approvals/command-session';
import { SetupCheck } from './setup-check';
import { SetupCheckActions } from './setup-check-actions';

/** What the composition root gives the tenant readiness feature. */
export interface ReadinessFeatureDeps {
  gateways: ReadinessGatewayFactory;
  /** Tenant, app, authority, groups and the delegated permissions to probe. */
  context: Omit<ReadinessContext, 'userOid'>;
}

/** What it borrows from the rest of the bot. */
export interface ReadinessFeatureShared {
  session: SessionGate;
  tokens: DelegatedTokenProvider;
  tenantId: string;
  clientId: string;
  signInUrl?: string;
  logger: Logger;
  now?: () => Date;
}

/** `setup check` (MainDialog route) and its card buttons (featureCardActions). */
export function buildReadiness(deps: ReadinessFeatureDeps, shared: ReadinessFeatureShared): { routes: CommandRoute[]; cardActions: FeatureCardActions[] } {
  const logger = shared.logger.child({ feature: 'readiness' });
  const check = new SetupCheck({ gateways: deps.gateways, context: deps.context, logger, now: shared.now });
  const commandSession = new CommandSession({ session: shared.session, tenantId: shared.tenantId, logger });
  const dialog = new SetupCheckDialog({ check, commandSession, tenantId: shared.tenantId, logger });
  const actions = new SetupCheckActions({
    check,
    session: shared.session,
    tokens: shared.tokens,
    tenantId: shared.tenantId,
    clientId: shared.clientId,
    signInUrl: shared.signInUrl,
    logger,
  });
  return { routes: [{ kinds: dialog.kinds, dialog }], cardActions: [actions] };
}
