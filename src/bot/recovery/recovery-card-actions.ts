import type { TurnContext } from 'botbuilder';
import { AppError } from '../../domain/errors';
import type { InFlightStore } from '../../ports/in-flight-store';
import type { Logger } from '../../ports/logger';
import type { ResetFlow } from '../../domain/reset/reset-flow';
import { isPersonalConversation } from '../../adapters/teams/conversation-reference';
import { helpdeskTexts, revealedPasscodeCard, verifyIdentityCard } from '../../cards/approvals/helpdesk-cards';
import { ownerText } from '../../cards/device-text';
import { recoveryTexts } from '../../cards/recovery/recovery-cards';
import { pickLocale, t } from '../../i18n';
import type { ApprovalService } from '../../domain/approvals/approval-service';
import type { ApprovalExecution } from '../approvals/approval-execution';
import type { CardAnswer, ClickSession } from '../approvals/click-session';
import { isId, readExecute } from '../approvals/request-card-payload';
import type { BackgroundTasks } from '../background-tasks';
import { cardResponse, messageResponse } from '../invoke-responses';
import type { FeatureCardActions } from '../passcode-desk-bot';
import { actorOf } from '../reset-request';
import { errorFields, userFacingError } from '../user-facing-error';
import type { RecoveredFlowCard } from './recovered-flow-card';
import type { RecoveryPort } from './recovery-delivery';

export interface RecoveryCardActionsDeps {
  recovery: RecoveryPort;
  inFlight: Pick<InFlightStore, 'get'>;
  approvals: ApprovalService;
  execution: ApprovalExecution;
  /** The agent flow's own card, brought up to date once the outcome reached the agent. */
  flowCards: Pick<RecoveredFlowCard, 'finish'>;
  session: ClickSession;
  background: BackgroundTasks;
  tenantId: string;
  logger: Logger;
}

/**
 * "Get passcode" on a reset that outlived a restart: the agent signs in (loginRequest), the outcome
 * is read from Intune, and the button is replaced — in the agent's 1:1 only — by the passcode
 * (agent flow) or the identity question (self-service). Delivered once: a second click finds
 * nothing left to deliver.
 */
export class RecoveryCardActions implements FeatureCardActions {
  readonly verbs = ['getRecoveredPasscode'] as const;

  constructor(private readonly deps: RecoveryCardActionsDeps) {}

  async handle(context: TurnContext): Promise<CardAnswer> {
    const activity = context.activity;
    const locale = pickLocale(activity.locale);
    const read = readExecute(activity.value);
    const log = this.deps.logger.child({ correlationId: activity.id });
    const inFlightId = read?.data.inFlightId;
    if (!read || read.verb !== 'getRecoveredPasscode' || !isId(inFlightId)) {
      return messageResponse(userFacingError(new AppError('input.invalid', 'Malformed card action'), locale));
    }
    const agent = actorOf(context, this.deps.tenantId);
    if (!agent) return messageResponse(t(locale, 'bot.unknownUser'));
    if (!isPersonalConversation(activity.conversation)) return messageResponse(helpdeskTexts.privateOnly(locale));
    const texts = recoveryTexts(locale);
    const clickLog = log.child({ inFlightId, agentOid: agent.oid });

    try {
      const entry = await this.deps.inFlight.get(inFlightId);
      // Only the agent who sent the reset may read its outcome (the read runs as that agent).
      if (!entry || entry.deliveredAt) return messageResponse(texts.nothingToDeliver);
      if (entry.agent.oid !== agent.oid) return messageResponse(userFacingError(new AppError('flow.notYours', 'Not this agent’s reset'), locale));

      const gate = await this.deps.session.ensure(agent.oid, read.authentication, locale, clickLog);
      if (gate) return gate;

      const item = await this.deps.recovery.recoverOne(inFlightId, { wait: false });
      clickLog.info('recovery.clicked', { outcome: item?.kind ?? 'nothing' });
      switch (item?.kind) {
        case undefined:
          return messageResponse(texts.nothingToDeliver);
        case 'needsSignIn':
          return this.deps.session.loginRequest(locale);
        case 'pending':
          return messageResponse(texts.stillRunning(entry.deviceName));
        case 'deliver': {
          const owner = item.flow?.targetUser ? ownerText(item.flow.targetUser, item.flow.device, locale) : undefined;
          this.finishFlowCard(item.flow, activity.id, clickLog);
          return cardResponse(revealedPasscodeCard(item.issued, owner, locale));
        }
        case 'verify': {
          const request = item.request ?? (await this.deps.approvals.get(entry.id));
          if (!request) return messageResponse(texts.nothingToDeliver);
          // The cards and the employee learn the outcome; the question replaces the button here.
          this.deps.background.run('recovery.verify', { correlationId: activity.id, requestId: request.id }, () =>
            this.deps.execution.settle(request, undefined, clickLog),
          );
          return cardResponse(verifyIdentityCard(request, locale));
        }
        case 'removed': {
          const request = item.request;
          if (request) {
            this.deps.background.run('recovery.removed', { correlationId: activity.id, requestId: request.id }, () =>
              this.deps.execution.settle(request, undefined, clickLog),
            );
          }
          this.finishFlowCard(item.flow, activity.id, clickLog);
          const owner = item.flow?.targetUser?.displayName ?? request?.requester.name ?? t(locale, 'common.unknown');
          return messageResponse(t(locale, 'platforms.removed.body', { device: entry.deviceName, owner }));
        }
        case 'failed': {
          const request = item.request;
          if (request) {
            this.deps.background.run('recovery.failed', { correlationId: activity.id, requestId: request.id }, () =>
              this.deps.execution.settle(request, undefined, clickLog),
            );
          }
          this.finishFlowCard(item.flow, activity.id, clickLog);
          return messageResponse(texts.failed(entry.deviceName, item.failure, entry.deviceId));
        }
      }
    } catch (error) {
      clickLog.warn('recovery.clickFailed', errorFields(error));
      return messageResponse(userFacingError(error, locale));
    }
  }

  /** The card where the agent started the flow learns the outcome too, after this answer. */
  private finishFlowCard(flow: ResetFlow | undefined, correlationId: string | undefined, log: Logger): void {
    if (!flow) return;
    // The passcode is in this answer, in the agent's 1:1.
    this.deps.background.run('recovery.flowCard', { correlationId, flowId: flow.id }, () => this.deps.flowCards.finish(flow, true, log));
  }
}
