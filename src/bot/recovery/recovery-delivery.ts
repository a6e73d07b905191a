import { MessageFactory, type Activity } from 'botbuilder';
import type { ApprovalService } from '../../domain/approvals/approval-service';
import type { RecoverOptions, RecoveryItem } from '../../domain/recovery/in-flight-recovery';
import type { InFlightReset } from '../../ports/in-flight-store';
import type { Logger } from '../../ports/logger';
import { parseStoredReference } from '../../adapters/teams/conversation-reference';
import type { PrivateDelivery, PrivateTarget } from '../../adapters/teams/private-delivery';
import { passcodeSummary, revealedPasscodeCard } from '../../cards/approvals/helpdesk-cards';
import { ownerText } from '../../cards/device-text';
import { getPasscodeCard, recoveryTexts } from '../../cards/recovery/recovery-cards';
import { pickLocale } from '../../i18n';
import type { ApprovalExecution } from '../approvals/approval-execution';
import type { BackgroundTasks } from '../background-tasks';
import type { SessionGate } from '../sign-in/agent-sign-in';
import { errorFields } from '../user-facing-error';
import type { RecoveredFlowCard } from './recovered-flow-card';
import { dropOldest, putNewest } from '../../shared/recency-map';

/** The recovery use cases the bot calls (InFlightRecovery). */
export interface RecoveryPort {
  recoverPending(options?: RecoverOptions): Promise<RecoveryItem[]>;
  recoverForAgent(agentOid: string, options?: RecoverOptions): Promise<RecoveryItem[]>;
  recoverOne(id: string, options?: RecoverOptions): Promise<RecoveryItem | undefined>;
}

export interface RecoveryDeliveryDeps {
  recovery: RecoveryPort;
  approvals: ApprovalService;
  execution: ApprovalExecution;
  privateDelivery: PrivateDelivery;
  /** The agent flow's own card, brought up to date once the outcome reached the agent. */
  flowCards: Pick<RecoveredFlowCard, 'finish'>;
  session: Pick<SessionGate, 'trySilentSession'>;
  background: BackgroundTasks;
  tenantId: string;
  logger: Logger;
  now?: () => Date;
  /** An agent's turns trigger a look at their pending resets at most this often (per instance). */
  turnCheckIntervalMs?: number;
  /** How many posted Get passcode buttons this instance remembers; MAX_PROMPTED by default. */
  promptedLimit?: number;
}

/** Get passcode buttons remembered per instance; far more than are ever waiting at once. */
export const MAX_PROMPTED = 10_000;

/**
 * Finishes resets that outlived a restart: on start-up and on the agent's next turn, recovery
 * (the domain) reads each outcome from Intune and claims its delivery once; here the agent gets
 * it privately — the passcode (agent flow), the identity question (self-service), or what went
 * wrong — or, without a session, a "Get passcode" button in their 1:1.
 */
export class RecoveryDelivery {
  private readonly lastTurnCheck = new Map<string, number>();
  /** Entries whose Get passcode button this instance already posted, oldest first. */
  private readonly prompted = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly deps: RecoveryDeliveryDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** At start-up: every pending reset (waits for Intune where it is still working). */
  async recoverAtStartup(): Promise<void> {
    const items = await this.deps.recovery.recoverPending();
    this.deps.logger.info('recovery.startup', { items: items.length });
    for (const item of items) await this.handle(item);
  }

  /** On any turn of a person: their pending resets, in the background, at most once a minute. */
  onAgentTurn(oid: string, correlationId: string | undefined): void {
    const now = this.now().getTime();
    const interval = this.deps.turnCheckIntervalMs ?? 60_000;
    const last = this.lastTurnCheck.get(oid);
    if (last !== undefined && now - last < interval) return;
    // Re-inserted at the end, so the map stays in time order and the checks older than the
    // interval (which no longer hold anything back) are let go from its front.
    putNewest(this.lastTurnCheck, oid, now);
    dropOldest(this.lastTurnCheck, Number.POSITIVE_INFINITY, (at) => now - at >= interval);
    this.deps.background.run('recovery.turn', { correlationId, agentOid: oid }, async () => {
      let items = await this.deps.recovery.recoverForAgent(oid, { wait: false });
      // Something waits for this agent but needs their session: a silent one if there is one
      // (demo), else the Get passcode button.
      if (items.some((item) => item.kind === 'needsSignIn') && (await this.deps.session.trySilentSession(oid).catch(() => false))) {
        items = await this.deps.recovery.recoverForAgent(oid, { wait: false });
      }
      for (const item of items) await this.handle(item);
    });
  }

  /** Tell the agent the outcome of one recovered reset. Never throws. */
  async handle(item: RecoveryItem): Promise<void> {
    const { entry } = item;
    const log = this.deps.logger.child({ inFlightId: entry.id, agentOid: entry.agent.oid, kind: item.kind });
    try {
      switch (item.kind) {
        case 'deliver': {
          this.prompted.delete(entry.id);
          const delivered = await this.deliver(entry, this.passcodeMessage(item), log);
          await this.deps.flowCards.finish(item.flow, delivered, log);
          return;
        }
        case 'verify': {
          const request = item.request ?? (await this.deps.approvals.get(entry.id));
          if (request) await this.deps.execution.settle(request, this.deps.execution.approverOfRequest(request) ?? this.approverOf(entry), log);
          return;
        }
        case 'removed': {
          // Nothing to deliver: the agent's card and the request's cards say the passcode is gone.
          this.prompted.delete(entry.id);
          await this.deps.flowCards.finish(item.flow, true, log);
          const request = item.request ?? (entry.kind === 'selfService' ? await this.deps.approvals.get(entry.id) : undefined);
          if (request) await this.deps.execution.settle(request, undefined, log);
          return;
        }
        case 'failed': {
          this.prompted.delete(entry.id);
          const texts = recoveryTexts(pickLocale(entry.locale));
          await this.deliver(entry, { type: 'message', text: texts.failed(entry.deviceName, item.failure, entry.deviceId) }, log);
          await this.deps.flowCards.finish(item.flow, false, log);
          const request = item.request ?? (entry.kind === 'selfService' ? await this.deps.approvals.get(entry.id) : undefined);
          if (request) await this.deps.execution.settle(request, undefined, log);
          return;
        }
        case 'needsSignIn':
          if (this.prompted.has(entry.id)) return;
          this.notePrompted(entry.id);
          await this.deliver(entry, MessageFactory.attachment(getPasscodeCard(entry, pickLocale(entry.locale))), log);
          return;
        case 'pending':
          return;
      }
    } catch (error) {
      log.error('recovery.deliveryFailed', errorFields(error));
    }
  }

  /** How many entries' Get passcode buttons this instance remembers posting. */
  get promptedCount(): number {
    return this.prompted.size;
  }

  /**
   * Remember a posted button until its reset is delivered or failed here. Bounded: past the
   * limit the oldest are forgotten (at worst that agent sees the button once more).
   */
  private notePrompted(id: string): void {
    this.prompted.add(id);
    for (const oldest of this.prompted) {
      if (this.prompted.size <= (this.deps.promptedLimit ?? MAX_PROMPTED)) break;
      this.prompted.delete(oldest);
    }
  }

  /** PRIVATE: a recovered agent-flow passcode, in the card body only. */
  passcodeMessage(item: Extract<RecoveryItem, { kind: 'deliver' }>): Partial<Activity> {
    const locale = pickLocale(item.entry.locale);
    const owner = item.flow?.targetUser ? ownerText(item.flow.targetUser, item.flow.device, locale) : undefined;
    return {
      type: 'message',
      summary: passcodeSummary(item.issued.deviceName, locale),
      attachments: [revealedPasscodeCard(item.issued, owner, locale)],
    };
  }

  /** Where the agent of an entry is reached privately: their 1:1 (from the stored conversation). */
  approverOf(entry: InFlightReset): { target: PrivateTarget; locale: ReturnType<typeof pickLocale> } | undefined {
    const origin = parseStoredReference(entry.agentConversation);
    const accountId = origin?.user?.id;
    if (!origin || !accountId) return undefined;
    return { target: { origin, agentAccountId: accountId, tenantId: this.deps.tenantId }, locale: pickLocale(entry.locale) };
  }

  /** Send to the agent's 1:1; true when it arrived. */
  private async deliver(entry: InFlightReset, activity: Partial<Activity>, log: Logger): Promise<boolean> {
    const approver = this.approverOf(entry);
    if (!approver) {
      log.warn('recovery.noConversation');
      return false;
    }
    const sent = await this.deps.privateDelivery.send(approver.target, activity);
    if (sent.delivered) log.info('recovery.delivered');
    else log.warn('recovery.agentUnreachable');
    return sent.delivered;
  }
}
