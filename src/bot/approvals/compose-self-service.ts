import { DEFAULT_RULES, withRemovalTurnedOff } from '../../domain/eligibility/rules';
import type { BotAdapter } from 'botbuilder';
import type { Settings } from '../../config/settings';
import { DefaultApprovalService } from '../../domain/approvals/default-approval-service';
import { HistoryService } from '../../domain/history/history-service';
import { InFlightRecovery, type RecoverySettler } from '../../domain/recovery/in-flight-recovery';
import { RunningResets } from '../../domain/recovery/running-resets';
import type { ResetFlow, ResetFlowService } from '../../domain/reset/reset-flow';
import type { ResetFlowServiceOptions } from '../../domain/reset/reset-flow-service';
import { ShowPasscodeService } from '../../domain/show-passcode/show-passcode-service';
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/directory';
import type { GroupMembership } from '../../ports/group-membership';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import type { SharedState } from '../../ports/shared-state';
import { ProactiveMessenger } from '../../adapters/teams/proactive';
import { TeamsOwnerNotifier } from '../notifications/teams-owner-notifier';
import { PeriodicJobs } from './periodic-jobs';
import type { SelfServiceDeps } from './self-service-feature';

export interface SelfServiceComposition {
  /** Spread into DefaultResetFlowService's options: the eligibility table, audit, hourly limit, reason, in-flight, owner notice. */
  resetFlowGuards: Pick<
    ResetFlowServiceOptions,
    'rules' | 'audit' | 'counters' | 'agentMaxResetsPerHour' | 'inFlight' | 'running' | 'notifier' | 'requireReason'
  >;
  /** BotDeps.selfService, once the reset flow service exists (recovery settles its flows). */
  selfService(resetFlows: ResetFlowService & RecoverySettler<ResetFlow>): SelfServiceDeps;
  /** Expiry sweeps and start-up recovery; stop on shutdown. */
  jobs: PeriodicJobs;
}

export interface SelfServiceCompositionInput {
  settings: Settings;
  state: SharedState;
  directory: Directory;
  /** The bot's own membership question (app-only), asked before a request card goes to someone's 1:1. */
  membership: GroupMembership;
  intune: IntuneGateway;
  tokens: DelegatedTokenProvider;
  clock: Clock;
  logger: Logger;
  adapter: BotAdapter;
}

/**
 * The wiring of self-service and the helpdesk commands for the composition root: one set of resets running in this process and
 * one owner notifier shared by the agent flow, self-service and recovery; the domain services on
 * the shared state; the background jobs.
 */
export function composeSelfService(input: SelfServiceCompositionInput): SelfServiceComposition {
  const { settings, state, directory, intune, tokens, clock } = input;
  const logger = input.logger.child({ component: 'approvals' });
  const running = new RunningResets();
  const notifier = new TeamsOwnerNotifier(state.conversations, new ProactiveMessenger(input.adapter, settings.bot.appId), logger);
  const jobs = new PeriodicJobs(logger);
  // One table for agents and employees; PASSCODE_REMOVAL=deny turns the removal rows off.
  const rules = settings.passcodeRemoval === 'deny' ? withRemovalTurnedOff(DEFAULT_RULES) : DEFAULT_RULES;
  const approvals = new DefaultApprovalService({
    rules,
    directory,
    intune,
    requests: state.requests,
    audit: state.audit,
    counters: state.counters,
    clock,
    logger,
    helpdeskGroupId: settings.helpdeskGroupId,
    approvalTtlHours: settings.limits.approvalTtlHours,
    selfServiceMaxPerDay: settings.limits.selfServiceMaxPerDay,
    inFlight: state.inFlight,
    running,
    notifier,
  });
  return {
    resetFlowGuards: {
      rules,
      audit: state.audit,
      counters: state.counters,
      agentMaxResetsPerHour: settings.limits.agentMaxResetsPerHour,
      inFlight: state.inFlight,
      running,
      notifier,
      requireReason: true,
    },
    jobs,
    selfService: (resetFlows) => ({
      approvals,
      history: new HistoryService({ directory, audit: state.audit, helpdeskGroupId: settings.helpdeskGroupId }),
      showPasscode: new ShowPasscodeService({
        directory,
        intune,
        audit: state.audit,
        requests: state.requests,
        clock,
        logger,
        helpdeskGroupId: settings.helpdeskGroupId,
        rules,
      }),
      recovery: new InFlightRecovery({ inFlight: state.inFlight, intune, sessions: tokens, clock, logger, running, flows: resetFlows, requests: approvals }),
      inFlight: state.inFlight,
      settings: state.appSettings,
      people: state.conversations,
      directory,
      membership: input.membership,
      helpdeskGroupId: settings.helpdeskGroupId,
      adminGroupId: settings.helpdeskAdminGroupId,
      jobs,
    }),
  };
}
