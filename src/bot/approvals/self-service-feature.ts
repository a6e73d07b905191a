import type { ActivityHandler, Storage } from 'botbuilder';
import type { ApprovalService } from '../../domain/approvals/approval-service';
import type { AppSettingsStore, ConversationDirectory } from '../../ports/app-settings-store';
import type { Directory } from '../../ports/directory';
import type { GroupMembership } from '../../ports/group-membership';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { InFlightStore } from '../../ports/in-flight-store';
import type { Logger } from '../../ports/logger';
import type { PrivateDelivery } from '../../adapters/teams/private-delivery';
import type { ProactiveMessenger } from '../../adapters/teams/proactive';
import { ApprovalChannelDialog } from '../../dialogs/approval-channel-dialog';
import { HistoryDialog, type HistoryReader } from '../../dialogs/history-dialog';
import type { CommandRoute } from '../../dialogs/main-dialog';
import { MyRequestsDialog } from '../../dialogs/my-requests-dialog';
import { SelfServiceDialog } from '../../dialogs/self-service-dialog';
import { ShowPasscodeDialog, type PasscodeViewer } from '../../dialogs/show-passcode-dialog';
import type { BackgroundTasks } from '../background-tasks';
import { ConversationRecorder } from '../notifications/conversation-recorder';
import type { FeatureCardActions } from '../passcode-desk-bot';
import { PersonPickActions } from '../person-pick/person-pick-actions';
import { PersonPickOffers } from '../person-pick/person-pick-offers';
import { RecoveredFlowCard } from '../recovery/recovered-flow-card';
import { RecoveryCardActions } from '../recovery/recovery-card-actions';
import { RecoveryDelivery, type RecoveryPort } from '../recovery/recovery-delivery';
import type { SessionGate } from '../sign-in/agent-sign-in';
import { StorageApprovalCardRegistry, type ApprovalCardRegistry } from './approval-card-registry';
import { ApprovalCardPublisher } from './approval-card-publisher';
import { ApprovalExecution } from './approval-execution';
import { ApprovalExpiry } from './approval-expiry';
import { ClickSession } from './click-session';
import { CommandSession } from './command-session';
import { EmployeeCardActions } from './employee-card-actions';
import { EmployeeNotices } from './employee-notices';
import { HelpdeskCardActions } from './helpdesk-card-actions';
import type { PeriodicJobs } from './periodic-jobs';

/** What self-service and the helpdesk commands need from the composition root (the domain services and stores). */
export interface SelfServiceDeps {
  approvals: ApprovalService;
  history: HistoryReader;
  showPasscode: PasscodeViewer;
  /** InFlightRecovery: resets that outlived a restart. */
  recovery: RecoveryPort;
  inFlight: Pick<InFlightStore, 'get'>;
  /** The approval channel (shared by every instance). */
  settings: AppSettingsStore;
  /** Everyone's 1:1 chat with the bot (decisions, owner notices, approval cards without a channel). */
  people: ConversationDirectory;
  /** Group membership as the signed-in person (admin check, helpdesk roster). */
  directory: Directory;
  /** Group membership asked by the bot itself: is a roster member still in the helpdesk before a card goes to their 1:1? */
  membership: GroupMembership;
  /** HELPDESK_GROUP_ID. */
  helpdeskGroupId: string;
  /** HELPDESK_ADMIN_GROUP_ID: who may choose the approval channel. */
  adminGroupId?: string;
  /** Expiry sweeps and start-up recovery run here; without it neither is scheduled (unit tests). */
  jobs?: PeriodicJobs;
  /** How often open requests are checked for expiry; default one minute. */
  expiryIntervalMs?: number;
  /** Replaces the storage-backed registry of posted approval cards. */
  cardRegistry?: ApprovalCardRegistry;
}

/** The pieces of the bot the features share with the reset flow (built once in createBot). */
export interface SharedBotParts {
  proactive: ProactiveMessenger;
  privateDelivery: PrivateDelivery;
  background: BackgroundTasks;
  session: SessionGate;
  tokens: DelegatedTokenProvider;
  storage: Storage;
  tenantId: string;
  clientId: string;
  signInUrl?: string;
  logger: Logger;
  now?: () => Date;
}

export interface SelfServiceFeature {
  /** MainDialog routes: forgotMyPin, myRequests, cancelRequest, useThisChannel, history, showPasscode. */
  routes: CommandRoute[];
  /** The buttons of request, approval, verification, passcode, Get passcode and pick-a-person cards. */
  cardActions: FeatureCardActions[];
  /** Hooks on every turn: remember 1:1 chats, finish the agent's recovered resets. */
  attach(bot: ActivityHandler): void;
}

/**
 * Builds the employee self-service, the approval flow, history, show passcode and recovery on
 * top of the bot's shared parts, and schedules their background jobs.
 */
export function buildSelfService(deps: SelfServiceDeps, parts: SharedBotParts): SelfServiceFeature {
  const { proactive, privateDelivery, background, session, tokens, tenantId, clientId, signInUrl } = parts;
  const logger = parts.logger.child({ component: 'approvals' });
  const now = parts.now ?? (() => new Date());
  const { approvals } = deps;

  const cards = new ApprovalCardPublisher({
    proactive,
    settings: deps.settings,
    people: deps.people,
    membership: deps.membership,
    helpdeskGroupId: deps.helpdeskGroupId,
    registry: deps.cardRegistry ?? new StorageApprovalCardRegistry(parts.storage),
    logger,
    now,
  });
  const notices = new EmployeeNotices(proactive, logger, now);
  const execution = new ApprovalExecution({ approvals, cards, notices, privateDelivery, proactive, background, tenantId, logger });
  const clickSession = new ClickSession({ tokens, session, clientId, signInUrl, logger });
  const commandSession = new CommandSession({ session, tenantId, logger });
  const flowCards = new RecoveredFlowCard(proactive);
  const pickOffers = new PersonPickOffers(parts.storage, { now });
  const recovery = new RecoveryDelivery({ recovery: deps.recovery, approvals, execution, privateDelivery, flowCards, session, background, tenantId, logger, now });
  const recorder = new ConversationRecorder({ people: deps.people, tokens, directory: deps.directory, helpdeskGroupId: deps.helpdeskGroupId, logger, now });

  const dialogs = [
    new SelfServiceDialog({ approvals, tenantId, logger }),
    new MyRequestsDialog({ approvals, cards, background, tenantId, logger, now }),
    new ApprovalChannelDialog({ commandSession, directory: deps.directory, settings: deps.settings, adminGroupId: deps.adminGroupId, tenantId, logger, now }),
    new HistoryDialog({ history: deps.history, commandSession, offers: pickOffers, privateDelivery, tenantId, logger }),
    new ShowPasscodeDialog({ showPasscode: deps.showPasscode, commandSession, offers: pickOffers, privateDelivery, tenantId, logger }),
  ];

  if (deps.jobs) {
    const expiry = new ApprovalExpiry(approvals, cards, notices, logger);
    deps.jobs.soon('recovery.startup', () => recovery.recoverAtStartup());
    deps.jobs.every('approvals.expire', deps.expiryIntervalMs ?? 60_000, () => expiry.sweep());
  }

  return {
    routes: dialogs.map((dialog) => ({ kinds: dialog.kinds, dialog })),
    cardActions: [
      new EmployeeCardActions({ approvals, cards, proactive, background, tenantId, logger, now }),
      new HelpdeskCardActions({ approvals, cards, execution, notices, session: clickSession, background, tenantId, logger, now }),
      new RecoveryCardActions({ recovery: deps.recovery, inFlight: deps.inFlight, approvals, execution, flowCards, session: clickSession, background, tenantId, logger }),
      new PersonPickActions({
        offers: pickOffers,
        history: deps.history,
        showPasscode: deps.showPasscode,
        privateDelivery,
        session: clickSession,
        tenantId,
        logger,
      }),
    ],
    attach(bot: ActivityHandler): void {
      recorder.attach(bot, background);
      bot.onTurn(async (context, next) => {
        await next();
        const oid = context.activity.from?.aadObjectId;
        if (oid && context.activity.type !== 'conversationUpdate') recovery.onAgentTurn(oid, context.activity.id);
      });
    },
  };
}
