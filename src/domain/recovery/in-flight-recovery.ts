import type { Clock } from '../../ports/clock';
import type { DelegatedTokenProvider } from '../../ports/identity';
import type { InFlightReset, InFlightStore } from '../../ports/in-flight-store';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import type { ApprovalRequest } from '../approvals/approval-request';
import { asAgent } from '../authorization';
import { isAppError } from '../errors';
import type { IssuedPasscode, ResetPasscodeActionResult } from '../model';
import { DEFAULT_RESET_OPTIONS, pickOurs } from '../reset/passcode-reset';
import type { PasscodeResetOptions } from '../reset/passcode-reset';
import type { FlowFailure, ResetFlow } from '../reset/reset-flow';
import { readAction } from './action-reading';
import type { RunningResets } from './running-resets';

/** How a recovered reset ended, as stored on its flow or request (no passcode in here). */
export type RecoveredOutcome =
  /** Done: a passcode shown until `visibleUntil`, or (`removed`) the passcode removed and none shown. */
  | { kind: 'done'; startedAt: string; visibleUntil?: string; removed?: true }
  | { kind: 'failed'; failure: FlowFailure };

/** Stores a recovered outcome on what the entry belongs to; returns it for the card, if known. */
export interface RecoverySettler<T> {
  settleRecovered(entry: InFlightReset, outcome: RecoveredOutcome): Promise<T | undefined>;
}

/**
 * What the bot does for one recovered entry:
 * - `deliver`: an agent flow is done; send `issued` privately to `entry.agent` (this is the only
 *   delivery: the claim was made before returning);
 * - `verify`: a self-service reset is done; the request now awaits the agent's identity check
 *   (the passcode is revealed by ApprovalService.verifyAndReveal, read again from Intune);
 * - `removed`: the passcode was removed; no passcode exists, only the cards and notices change;
 * - `failed`: tell the agent (and update the card);
 * - `needsSignIn`: no session for the agent on this instance; post a "Get passcode" button to
 *   `entry.agentConversation` that signs the agent in and calls `recoverOne(entry.id)`;
 * - `pending`: Intune has not finished yet; try again later (next turn, next sweep).
 */
export type RecoveryItem =
  | { kind: 'deliver'; entry: InFlightReset; issued: IssuedPasscode; flow?: ResetFlow }
  | { kind: 'verify'; entry: InFlightReset; request?: ApprovalRequest }
  /** The passcode was removed (nothing to deliver): update the card, tell the employee. */
  | { kind: 'removed'; entry: InFlightReset; flow?: ResetFlow; request?: ApprovalRequest }
  | { kind: 'failed'; entry: InFlightReset; failure: FlowFailure; flow?: ResetFlow; request?: ApprovalRequest }
  | { kind: 'needsSignIn'; entry: InFlightReset }
  | { kind: 'pending'; entry: InFlightReset };

export interface RecoverOptions {
  /**
   * Keep reading while Intune is still working, up to the reset's own time limit counted from
   * the POST (default true). False reads once (a quick check on an agent's turn).
   */
  wait?: boolean;
}

export interface InFlightRecoveryOptions {
  inFlight: InFlightStore;
  intune: IntuneGateway;
  /** Whether this instance holds a session for the agent (tokens are memory only). */
  sessions: Pick<DelegatedTokenProvider, 'hasSession'>;
  clock: Clock;
  logger: Logger;
  /** Resets running in this process: their own run delivers them. */
  running?: RunningResets;
  /** Stores outcomes on agent flows (DefaultResetFlowService). */
  flows?: RecoverySettler<ResetFlow>;
  /** Stores outcomes on self-service requests (DefaultApprovalService). */
  requests?: RecoverySettler<ApprovalRequest>;
  /** Timing (maxWaitMs, clockSkewAllowanceMs, poll delays); default DEFAULT_RESET_OPTIONS. */
  reset?: Partial<PasscodeResetOptions>;
  /** Most entries looked at per sweep; default 100. */
  batchSize?: number;
}

/**
 * After a restart (or on another instance), finish resets whose POST was sent but whose outcome
 * never reached the agent. The outcome is read from Intune's deviceActionResults as the agent
 * (our entry: startDateTime >= postedAt - allowance), never from anything stored, and delivered
 * at most once: InFlightStore.markDelivered is claimed before anything is returned.
 */
export class InFlightRecovery {
  private readonly timing: PasscodeResetOptions;
  private readonly batchSize: number;

  constructor(private readonly options: InFlightRecoveryOptions) {
    this.timing = { ...DEFAULT_RESET_OPTIONS, ...options.reset };
    this.batchSize = options.batchSize ?? 100;
  }

  /** Every pending entry not running in this process (start-up, or a periodic sweep). */
  async recoverPending(options: RecoverOptions = {}): Promise<RecoveryItem[]> {
    const entries = await this.options.inFlight.listPending(this.batchSize);
    return this.recoverAll(entries, options);
  }

  /** The pending entries of one agent (on that agent's next turn, or right after they signed in). */
  async recoverForAgent(agentOid: string, options: RecoverOptions = {}): Promise<RecoveryItem[]> {
    const entries = await this.options.inFlight.listPending(this.batchSize);
    return this.recoverAll(entries.filter((entry) => entry.agent.oid === agentOid), options);
  }

  /**
   * One entry, e.g. from a "Get passcode" click. Undefined when there is nothing to do: unknown
   * id, already delivered, or running in this process.
   */
  async recoverOne(id: string, options: RecoverOptions = {}): Promise<RecoveryItem | undefined> {
    const entry = await this.options.inFlight.get(id);
    if (!entry) return undefined;
    return this.recover(entry, options);
  }

  private async recoverAll(entries: InFlightReset[], options: RecoverOptions): Promise<RecoveryItem[]> {
    const items = await Promise.all(entries.map((entry) => this.recover(entry, options)));
    return items.filter((item): item is RecoveryItem => item !== undefined);
  }

  private async recover(entry: InFlightReset, options: RecoverOptions): Promise<RecoveryItem | undefined> {
    if (entry.deliveredAt || this.options.running?.has(entry.id)) return undefined;
    const log = this.options.logger.child({ inFlightId: entry.id, agentOid: entry.agent.oid, deviceId: entry.deviceId });
    if (!(await this.options.sessions.hasSession(entry.agent.oid))) {
      log.info('recovery.needsSignIn', { kind: entry.kind });
      return { kind: 'needsSignIn', entry };
    }

    const found = await this.readOutcome(entry, options.wait ?? true, log);
    if (found.kind === 'needsSignIn' || found.kind === 'pending') {
      log.info(`recovery.${found.kind}`, { kind: entry.kind });
      return { kind: found.kind, entry };
    }
    // Exactly once: only the caller that marks the entry delivered goes on.
    if (!(await this.options.inFlight.markDelivered(entry.id, this.nowIso()))) {
      log.info('recovery.alreadyDelivered', {});
      return undefined;
    }

    if (found.kind === 'removed') {
      log.info('recovery.removed', { kind: entry.kind });
      return { kind: 'removed', entry, ...(await this.settleEither(entry, { kind: 'done', startedAt: found.startedAt, removed: true }, log)) };
    }
    if (found.kind === 'done') {
      const outcome: RecoveredOutcome = { kind: 'done', startedAt: found.issued.startedAt, visibleUntil: found.issued.visibleUntil };
      log.info('recovery.done', { kind: entry.kind });
      if (entry.kind === 'agentFlow') {
        const flow = await this.settle(this.options.flows, entry, outcome, log);
        return flow ? { kind: 'deliver', entry, issued: found.issued, flow } : { kind: 'deliver', entry, issued: found.issued };
      }
      const request = await this.settle(this.options.requests, entry, outcome, log);
      return request ? { kind: 'verify', entry, request } : { kind: 'verify', entry };
    }

    log.warn('recovery.failed', { kind: entry.kind, code: found.failure.code, errorCode: found.failure.errorCode });
    const settled = await this.settleEither(entry, { kind: 'failed', failure: found.failure }, log);
    return { kind: 'failed', entry, failure: found.failure, ...settled };
  }

  /** Store the outcome on the agent flow or the request the entry belongs to; what was stored, for the card. */
  private async settleEither(
    entry: InFlightReset,
    outcome: RecoveredOutcome,
    log: Logger,
  ): Promise<{ flow?: ResetFlow; request?: ApprovalRequest }> {
    if (entry.kind === 'agentFlow') {
      const flow = await this.settle(this.options.flows, entry, outcome, log);
      return flow ? { flow } : {};
    }
    const request = await this.settle(this.options.requests, entry, outcome, log);
    return request ? { request } : {};
  }

  /** Read our entry (waiting while Intune works, if asked) and say what it means. */
  private async readOutcome(
    entry: InFlightReset,
    wait: boolean,
    log: Logger,
  ): Promise<
    | { kind: 'done'; issued: IssuedPasscode }
    | { kind: 'removed'; startedAt: string }
    | { kind: 'failed'; failure: FlowFailure }
    | { kind: 'needsSignIn' }
    | { kind: 'pending' }
  > {
    const postedAt = Date.parse(entry.postedAt);
    const notBefore = (Number.isNaN(postedAt) ? 0 : postedAt) - this.timing.clockSkewAllowanceMs;
    // The same limit as the run itself: past it, an action that never showed was never received.
    const deadline = (Number.isNaN(postedAt) ? this.now() : postedAt) + this.timing.maxWaitMs;
    const device = { id: entry.deviceId, deviceName: entry.deviceName };
    let delay = this.timing.firstPollDelayMs;
    for (;;) {
      let ours: ResetPasscodeActionResult | undefined;
      try {
        ours = pickOurs(await this.options.intune.getResetPasscodeResults(entry.deviceId, asAgent(entry.agent)), notBefore);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (error.code.startsWith('auth.')) return { kind: 'needsSignIn' };
        if (error.code !== 'graph.throttled' && error.code !== 'graph.unavailable') {
          const failure: FlowFailure = { code: error.code };
          if (error.details.requestId !== undefined) failure.requestId = error.details.requestId;
          return { kind: 'failed', failure };
        }
        log.warn('recovery.readFailed', { code: error.code, requestId: error.details.requestId });
      }
      if (ours) {
        const reading = readAction(ours, device, entry.outcome);
        if (reading.kind !== 'pending') return reading;
      }
      const now = this.now();
      if (now >= deadline) {
        // Past the run's own time limit, recovery ends as the run would have: still pending is
        // reset.timedOut (it may finish later: "show passcode" reads it then); never seen means
        // the POST most likely never reached Intune.
        return { kind: 'failed', failure: { code: ours ? 'reset.timedOut' : 'reset.outcomeUnknown' } };
      }
      if (!wait) return { kind: 'pending' };
      await this.options.clock.sleep(Math.min(delay, deadline - now));
      delay = Math.min(delay * this.timing.pollBackoffFactor, this.timing.maxPollDelayMs);
    }
  }

  private async settle<T>(
    settler: RecoverySettler<T> | undefined,
    entry: InFlightReset,
    outcome: RecoveredOutcome,
    log: Logger,
  ): Promise<T | undefined> {
    if (!settler) return undefined;
    try {
      return await settler.settleRecovered(entry, outcome);
    } catch (error) {
      // The outcome still reaches the agent; the card may stay stale.
      log.error('recovery.settleFailed', { code: isAppError(error) ? error.code : 'unexpected' });
      return undefined;
    }
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  private nowIso(): string {
    return this.options.clock.now().toISOString();
  }
}
