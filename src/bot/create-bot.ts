import { SignOutDialog } from '../dialogs/sign-out-dialog';
import { ConversationState, type BotAdapter, type Storage } from 'botbuilder';
import type { ResetFlowService } from '../domain/reset/reset-flow';
import type { DelegatedTokenProvider, SilentSsoSource } from '../ports/identity';
import type { Logger } from '../ports/logger';
import { PrivateDelivery } from '../adapters/teams/private-delivery';
import { ProactiveMessenger } from '../adapters/teams/proactive';
import { MainDialog } from '../dialogs/main-dialog';
import { ResetRequestDialog } from '../dialogs/reset-request-dialog';
import { BackgroundTasks } from './background-tasks';
import { CardActions } from './card-actions';
import { ResetFlowStarter } from './flow-starter';
import { PasscodeDeskBot } from './passcode-desk-bot';
import { ResetExecution } from './reset-execution';
import { AgentSignIn } from './sign-in/agent-sign-in';
import { ExchangeDedupe } from './sign-in/exchange-dedupe';
import { StoragePendingSignInStore, type PendingSignInStore } from './sign-in/pending-sign-ins';
import { SignInInvokes } from './sign-in/sign-in-invokes';
import { buildSelfService, type SelfServiceDeps } from './approvals/self-service-feature';
import { CardActionsWithSignIn } from './sign-in/interactive/card-actions-with-sign-in';
import { HandoverVerification } from './sign-in/interactive/handover-verification';
import type { InteractiveSignIn } from './sign-in/interactive/interactive-sign-in';
import { buildReadiness, type ReadinessFeatureDeps } from './readiness/readiness-feature';
import { ResumedCommands } from './sign-in/resumed-commands';
import { OneTurnDialog } from '../dialogs/one-turn-dialog';

/** Everything the bot needs from the composition root. */
export interface BotDeps {
  /** The adapter that runs the turns (CloudAdapter); used for proactive messages and new 1:1 chats. */
  adapter: BotAdapter;
  /** MicrosoftAppId; '' in local unauthenticated mode. */
  appId: string;
  /** AAD_APP_TENANT_ID: the only tenant served. */
  tenantId: string;
  /** AAD_APP_CLIENT_ID: the SSO resource is `api://botid-{clientId}`. */
  clientId: string;
  resetFlows: ResetFlowService;
  tokens: DelegatedTokenProvider;
  silentSso: SilentSsoSource;
  logger: Logger;
  /** Dialog state and pending sign-ins (MemoryStorage locally, BlobsStorage with several instances). */
  storage: Storage;
  /** Where the sign-in button leads when silent SSO fails (interactive fallback page); optional for now. */
  signInUrl?: string;
  /** The interactive sign-in page (per-agent links, MFA / Conditional Access fallback, verifyState codes). */
  interactiveSignIn?: InteractiveSignIn;
  /** Replaces the storage-backed store of requests waiting for a sign-in. */
  pendingSignIns?: PendingSignInStore;
  /** The clock for pending sign-in expiry. */
  now?: () => Date;
  /** Employee self-service, approvals, history, show passcode, recovery; absent: not offered. */
  selfService?: SelfServiceDeps;
  /** Tenant readiness: `setup check` for helpdesk admins; absent: not offered. */
  readiness?: ReadinessFeatureDeps;
}

/** Wires the bot from the ports: the composition root calls this once. */
export function createBot(deps: BotDeps): PasscodeDeskBot {
  const { adapter, appId, tenantId, clientId, resetFlows, tokens, silentSso, logger, signInUrl } = deps;
  const background = new BackgroundTasks(logger);
  const proactive = new ProactiveMessenger(adapter, appId);
  const privateDelivery = new PrivateDelivery(adapter, appId, logger);
  const pending = deps.pendingSignIns ?? new StoragePendingSignInStore(deps.storage, undefined, deps.now);
  const starter = new ResetFlowStarter(resetFlows, logger);
  const interactive = deps.interactiveSignIn;
  const handover = interactive ? new HandoverVerification({ interactive, tokens, logger }) : undefined;
  const session = new AgentSignIn({ tokens, silentSso, pending, privateDelivery, tenantId, clientId, signInUrl, interactive, logger, now: deps.now });
  const execution = new ResetExecution({ resetFlows, privateDelivery, proactive, background, tenantId, logger });
  const cardDeps = { resetFlows, tokens, session, execution, tenantId, clientId, signInUrl, logger };
  const cardActions = interactive && handover
    ? new CardActionsWithSignIn(cardDeps, { interactive, handover, tokens, tenantId, logger })
    : new CardActions(cardDeps);

  const selfService = deps.selfService
    ? buildSelfService(deps.selfService, { proactive, privateDelivery, background, session, tokens, storage: deps.storage, tenantId, clientId, signInUrl, logger, now: deps.now })
    : undefined;

  const readiness = deps.readiness
    ? buildReadiness(deps.readiness, { session, tokens, tenantId, clientId, signInUrl, logger, now: deps.now })
    : undefined;

  const signOut = new SignOutDialog({ tokens, tenantId, logger });
  const routes = [...(selfService?.routes ?? []), ...(readiness?.routes ?? []), { kinds: signOut.kinds, dialog: signOut }];
  // The same dialogs answer a command typed now and one that waited for a sign-in.
  const commands = new ResumedCommands(routes.map((route) => route.dialog).filter((dialog) => dialog instanceof OneTurnDialog));

  const bot = new PasscodeDeskBot({
    tenantId,
    logger,
    conversationState: new ConversationState(deps.storage),
    mainDialog: new MainDialog(new ResetRequestDialog({ session, starter, tenantId, logger }), routes),
    cardActions,
    featureCardActions: [...(selfService?.cardActions ?? []), ...(readiness?.cardActions ?? [])],
    signInInvokes: new SignInInvokes({
      tokens,
      pending,
      dedupe: new ExchangeDedupe(),
      starter,
      commands,
      proactive,
      background,
      tenantId,
      logger,
      interactive,
      handover,
    }),
    background,
  });
  selfService?.attach(bot);
  return bot;
}
