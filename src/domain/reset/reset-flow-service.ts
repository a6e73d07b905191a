import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Counters } from '../../ports/counters';
import type { Directory } from '../../ports/directory';
import type { FlowStore } from '../../ports/flow-store';
import type { InFlightReset, InFlightStore } from '../../ports/in-flight-store';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import type { OwnerNotifier } from '../../ports/notifier';
import type { PinRecoveryStatus, WindowsPinRecovery } from '../../ports/pin-recovery-status';
import type { PeopleFound, PersonLookup } from '../../ports/person-lookup';
import { agentResetKey, hourWindow } from '../approvals/guard-rails';
import type { AuditRecord } from '../audit/audit-record';
import { AuditTrail, auditParty, failureFields, refusedOutcome } from '../audit/audit-trail';
import type { AuditEvent } from '../audit/audit-trail';
import { cleanFreeText, MAX_RESET_REASON_LENGTH } from '../audit/free-text';
import { asAgent, assertHelpdeskAgent } from '../authorization';
import type { RecoveredOutcome, RecoverySettler } from '../recovery/in-flight-recovery';
import { InFlightTracker } from '../recovery/in-flight-tracker';
import type { RunningResets } from '../recovery/running-resets';
import { evaluateDevices } from '../eligibility/evaluate';
import type { DeviceOption } from '../eligibility/types';
import { DEFAULT_RULES } from '../eligibility/rules';
import type { EligibilityRule } from '../eligibility/rules';
import { AppError, isAppError } from '../errors';
import { isRemoval } from '../model';
import type { Actor, DirectoryUser, ManagedDevice, ResetResult } from '../model';
import { resetPasscodeAndWait } from './passcode-reset';
import type { PasscodeResetOptions } from './passcode-reset';
import { chosenOutcome, TERMINAL_STATES } from './reset-flow';
import type {
  ExecuteResult,
  FlowActionInput,
  FlowFailure,
  FlowState,
  ResetFlow,
  ResetFlowService,
  ResetProgress,
  StartResetInput,
} from './reset-flow';

/** Most users offered when a name is ambiguous. */
export const MAX_USER_CANDIDATES = 10;
/** Longest query we pass on to the directory. */
export const MAX_QUERY_LENGTH = 256;
/** AGENT_MAX_RESETS_PER_HOUR when counters are given without a limit. */
export const DEFAULT_AGENT_MAX_RESETS_PER_HOUR = 20;

export interface ResetFlowServiceOptions {
  directory: Directory;
  intune: IntuneGateway;
  /**
   * Finds the person and, when it can in the same round trip, their devices. Without it the
   * person comes from `directory.findUsers` and the devices from `intune.listUserDevices`.
   */
  people?: PersonLookup;
  flows: FlowStore;
  clock: Clock;
  logger: Logger;
  /** Entra group whose members may reset passcodes (HELPDESK_GROUP_ID). */
  helpdeskGroupId: string;
  /** New flow ids; default crypto.randomUUID. */
  newId?: () => string;
  /** The eligibility table; default DEFAULT_RULES. */
  rules?: readonly EligibilityRule[];
  /** Timing of the reset and wait; default DEFAULT_RESET_OPTIONS. */
  reset?: Partial<PasscodeResetOptions>;
  /** Audit records of resets: started, succeeded, failed, refused. Without it nothing is recorded. */
  audit?: AuditLog;
  /** Shared counters for the per-agent hourly limit; without them there is no limit. */
  counters?: Counters;
  /** AGENT_MAX_RESETS_PER_HOUR; default 20. */
  agentMaxResetsPerHour?: number;
  /** In-flight records, written just before the POST, so a restart loses nothing. */
  inFlight?: InFlightStore;
  /** The resets this process runs (shared with InFlightRecovery). */
  running?: RunningResets;
  /** Tells the device's owner after every successful reset (best effort). */
  notifier?: OwnerNotifier;
  /** Refuse confirm() without a reason or ticket number (reset.reasonRequired). Default false. */
  requireReason?: boolean;
  /** Audit record ids; default crypto.randomUUID. */
  newAuditId?: () => string;
  /**
   * Whether this tenant has non-destructive Windows Hello PIN reset, told beside a Windows 10/11
   * device (which Intune does not reset). Without it the agent is told only how the user resets.
   */
  pinRecovery?: PinRecoveryStatus;
}

/** Which flow states each card action may act on. */
const ALLOWED: Record<'chooseUser' | 'chooseDevice' | 'cancel' | 'confirm', readonly FlowState[]> = {
  chooseUser: ['choosingUser'],
  chooseDevice: ['choosingDevice'],
  cancel: ['choosingUser', 'choosingDevice', 'confirming'],
  confirm: ['confirming'],
};

/**
 * The agent flow, on ports only. Every change is a compare-and-set on the flow's revision, so a
 * stale or doubled click changes nothing; every id a card sends is checked against what the flow
 * stored, and the device reset is always the one stored in the flow.
 */
export class DefaultResetFlowService implements ResetFlowService, RecoverySettler<ResetFlow> {
  private readonly newId: () => string;
  private readonly rules: readonly EligibilityRule[];
  private readonly trail: AuditTrail;
  private readonly tracker: InFlightTracker;

  constructor(private readonly options: ResetFlowServiceOptions) {
    this.newId = options.newId ?? randomUUID;
    this.rules = options.rules ?? DEFAULT_RULES;
    const { clock, logger } = options;
    this.trail = new AuditTrail({ audit: options.audit, clock, logger, ...(options.newAuditId ? { newId: options.newAuditId } : {}) });
    this.tracker = new InFlightTracker({ store: options.inFlight, running: options.running, clock, logger });
  }

  async start(input: StartResetInput): Promise<ResetFlow> {
    await this.assertAgent(input.agent);
    const query = input.query.trim();
    if (query === '' || query.length > MAX_QUERY_LENGTH) {
      throw new AppError('input.invalid', 'Name the person whose device should be reset.');
    }

    const now = this.nowIso();
    const base: ResetFlow = {
      id: this.newId(),
      revision: 1,
      state: 'noUser',
      agent: { ...input.agent },
      locale: input.locale,
      query,
      origin: input.origin,
      originIsPersonal: input.originIsPersonal,
      createdAt: now,
      updatedAt: now,
    };
    const found = await this.findPeople(query, input.agent);
    const candidates = found.users.slice(0, MAX_USER_CANDIDATES);
    let flow: ResetFlow;
    if (candidates.length === 0) {
      flow = base;
    } else if (candidates.length > 1) {
      flow = { ...base, state: 'choosingUser', userCandidates: candidates };
    } else {
      flow = await this.withDevicesOf({ ...base, userCandidates: candidates }, candidates[0]!, found.devicesOfOnlyUser);
    }
    await this.options.flows.create(flow);
    this.logFor(flow).info('flow.started', { state: flow.state, candidates: candidates.length });
    return flow;
  }

  async chooseUser(action: FlowActionInput, userId: string): Promise<ResetFlow> {
    const flow = await this.load(action, 'chooseUser');
    const user = flow.userCandidates?.find((candidate) => candidate.id === userId);
    if (!user) throw new AppError('input.invalid', 'That person was not offered in this request.');
    return this.save(flow, await this.withDevicesOf(flow, user));
  }

  async chooseDevice(action: FlowActionInput, deviceId: string): Promise<ResetFlow> {
    const flow = await this.load(action, 'chooseDevice');
    const option = flow.devices?.find((candidate) => candidate.device.id === deviceId && candidate.verdict.eligible);
    if (!option) throw new AppError('input.invalid', 'That device was not offered in this request.');
    return this.save(flow, { ...flow, state: 'confirming', device: option.device });
  }

  async cancel(action: FlowActionInput): Promise<ResetFlow> {
    const flow = await this.load(action, 'cancel');
    return this.save(flow, { ...flow, state: 'cancelled' });
  }

  async confirm(action: FlowActionInput, reason?: string): Promise<ResetFlow> {
    const flow = await this.load(action, 'confirm');
    if (!flow.device) throw new AppError('flow.stale', 'No device has been chosen in this request.');
    const cleaned = cleanFreeText(reason, MAX_RESET_REASON_LENGTH);
    const given = typeof reason === 'string' && reason.trim() !== '';
    if ((given && cleaned === undefined) || (this.options.requireReason && cleaned === undefined)) {
      throw new AppError('reset.reasonRequired', `Give a reason or ticket number of at most ${MAX_RESET_REASON_LENGTH} characters.`);
    }
    // Membership may have been revoked since the flow started; this is the gate to the reset.
    await this.assertAgent(flow.agent, flow, cleaned);
    await this.takeHourlySlot(flow, cleaned);
    const next: ResetFlow = { ...flow, state: 'resetting', resetRequestedAt: this.nowIso() };
    if (cleaned !== undefined) next.reason = cleaned;
    if (action.cardActivityId !== undefined) next.cardActivityId = action.cardActivityId;
    return this.save(flow, next);
  }

  async execute(claimed: ResetFlow, onProgress?: (p: ResetProgress) => void): Promise<ExecuteResult> {
    const stored = await this.options.flows.get(claimed.id);
    if (!stored) throw new AppError('flow.notFound', 'This request no longer exists.');
    if (TERMINAL_STATES.includes(stored.state)) throw new AppError('flow.finished', 'This request is already over.');
    if (stored.state !== 'resetting') throw new AppError('flow.stale', 'This request has not been confirmed.');
    if (stored.revision !== claimed.revision) throw new AppError('flow.stale', 'This request has changed.');
    if (!stored.device) throw new AppError('flow.stale', 'No device has been chosen in this request.');
    // Claim the run itself too, so a doubled execute() can never send a second reset.
    const running = await this.save(stored, { ...stored });
    const log = this.logFor(running);
    const device = running.device!;
    log.info('reset.starting', { deviceId: device.id });

    try {
      // Both written before the POST: an unrecorded reset, or one a restart would lose, is not sent.
      await this.trail.required({ ...this.auditBase(running), kind: 'reset.started', outcome: 'started' });
      await this.tracker.begin(this.inFlightEntry(running));
    } catch (error) {
      const failure = toFailure(error);
      log.error('reset.notSent', { code: failure.code });
      const flow = await this.finish(running, { ...running, state: 'failed', failure });
      await this.recordOutcome(running, { kind: 'failed', failure });
      return { flow };
    }

    let outcome: { result: ResetResult } | { failure: FlowFailure };
    try {
      const result = await resetPasscodeAndWait(
        { intune: this.options.intune, clock: this.options.clock, logger: log },
        { device, as: asAgent(running.agent), outcome: chosenOutcome(running), ...(onProgress ? { onProgress } : {}) },
        this.options.reset,
      );
      outcome = { result };
    } catch (error) {
      const failure = toFailure(error);
      if (isAppError(error)) {
        log.warn('reset.ended', { code: failure.code, errorCode: failure.errorCode, requestId: failure.requestId });
      } else {
        log.error('reset.crashed', { error: error instanceof Error ? error.name : typeof error });
      }
      outcome = { failure };
    }

    // Exactly once: if recovery (after a restart, or on another instance) already delivered this
    // reset, it also stored the outcome; this run hands nothing over.
    if (!(await this.tracker.finish(running.id))) {
      log.info('reset.deliveredElsewhere', {});
      return { flow: (await this.options.flows.get(running.id)) ?? running, deliveredElsewhere: true };
    }
    if ('result' in outcome) {
      const { result } = outcome;
      if (isRemoval(result)) {
        const flow = await this.finish(running, { ...running, state: 'done', actionStartedAt: result.startedAt, endedByRemoval: true });
        await this.recordOutcome(running, { kind: 'done', startedAt: result.startedAt, removed: true });
        return { flow };
      }
      const done: ResetFlow = { ...running, state: 'done', actionStartedAt: result.startedAt, visibleUntil: result.visibleUntil };
      const flow = await this.finish(running, done);
      await this.recordOutcome(running, { kind: 'done', startedAt: result.startedAt, visibleUntil: result.visibleUntil });
      return { flow, issued: result };
    }
    const flow = await this.finish(running, { ...running, state: 'failed', failure: outcome.failure });
    await this.recordOutcome(running, { kind: 'failed', failure: outcome.failure });
    return { flow };
  }

  /**
   * Store the outcome of a reset that recovery finished (the run that sent it is gone). Called by
   * InFlightRecovery after it claimed the delivery, so it runs once per reset.
   */
  async settleRecovered(entry: InFlightReset, outcome: RecoveredOutcome): Promise<ResetFlow | undefined> {
    const flow = await this.options.flows.get(entry.id);
    if (!flow || flow.state !== 'resetting') {
      // The flow is gone (e.g. kept in memory by the stopped instance): the audit still records it.
      await this.trail.bestEffort({
        ...auditOutcome(outcome),
        kind: outcome.kind === 'done' ? 'reset.succeeded' : 'reset.failed',
        actor: auditParty(entry.agent),
        device: { id: entry.deviceId, name: entry.deviceName },
        flowId: entry.id,
      });
      return flow;
    }
    const next: ResetFlow =
      outcome.kind === 'done'
        ? { ...flow, state: 'done', actionStartedAt: outcome.startedAt, ...doneFields(outcome) }
        : { ...flow, state: 'failed', failure: outcome.failure };
    const saved = await this.finish(flow, next);
    await this.recordOutcome(flow, outcome);
    return saved;
  }

  async get(flowId: string): Promise<ResetFlow | undefined> {
    return this.options.flows.get(flowId);
  }

  /** Fetch the flow a card click names and check that this click may act on it. */
  private async load(action: FlowActionInput, verb: keyof typeof ALLOWED): Promise<ResetFlow> {
    const flow = await this.options.flows.get(action.flowId);
    if (!flow) throw new AppError('flow.notFound', 'This request no longer exists.');
    if (flow.agent.oid !== action.actorOid) {
      throw new AppError('flow.notYours', 'Only the agent who started this request can act on it.');
    }
    if (flow.state === 'resetting' || TERMINAL_STATES.includes(flow.state)) {
      throw new AppError('flow.finished', 'This request is already over.');
    }
    if (flow.revision !== action.revision) throw new AppError('flow.stale', 'This card is out of date.');
    // A current revision with an action of another step can only be a forged payload.
    if (!ALLOWED[verb].includes(flow.state)) throw new AppError('flow.stale', 'This card is out of date.');
    return flow;
  }

  /** Compare-and-set: write `next` as the next revision of `current`, or flow.stale if we lost. */
  private async save(current: ResetFlow, next: ResetFlow): Promise<ResetFlow> {
    const written: ResetFlow = { ...next, revision: current.revision + 1, updatedAt: this.nowIso() };
    const ok = await this.options.flows.replace(written, current.revision);
    if (!ok) throw new AppError('flow.stale', 'This request was changed by another action.');
    this.logFor(written).info('flow.changed', { state: written.state, revision: written.revision });
    return written;
  }

  /** Store the end of a run; the outcome stands even if the write loses (it is logged). */
  private async finish(running: ResetFlow, next: ResetFlow): Promise<ResetFlow> {
    try {
      return await this.save(running, next);
    } catch (error) {
      this.logFor(running).error('flow.finishNotStored', {
        state: next.state,
        code: isAppError(error) ? error.code : 'unexpected',
      });
      return { ...next, revision: running.revision + 1, updatedAt: this.nowIso() };
    }
  }

  private async findPeople(query: string, agent: Actor): Promise<PeopleFound> {
    const { people, directory } = this.options;
    if (people) return people.findPeople(query, asAgent(agent), MAX_USER_CANDIDATES);
    return { users: await directory.findUsers(query, asAgent(agent), MAX_USER_CANDIDATES) };
  }

  /** The user's devices (listed now unless already fetched) through the table; decides the next state. */
  private async withDevicesOf(flow: ResetFlow, user: DirectoryUser, fetched?: readonly ManagedDevice[]): Promise<ResetFlow> {
    const listed = fetched ?? (await this.options.intune.listUserDevices(user.id, asAgent(flow.agent)));
    // Only this user's devices, whatever the gateway returned.
    const mine = listed.filter((device) => device.userId === undefined || device.userId === user.id);
    const devices = await this.withPinRecovery(evaluateDevices(mine, this.rules));
    const eligible = devices.filter((option) => option.verdict.eligible);
    const next: ResetFlow = { ...flow, targetUser: user, devices };
    delete next.device;
    if (eligible.length === 0) return { ...next, state: 'noEligibleDevice' };
    if (eligible.length > 1) return { ...next, state: 'choosingDevice' };
    return { ...next, state: 'confirming', device: eligible[0]!.device };
  }

  /** A Windows 10/11 device's verdict also says whether the tenant's PIN reset is non-destructive. */
  private async withPinRecovery(devices: DeviceOption[]): Promise<DeviceOption[]> {
    const pinRecovery = this.options.pinRecovery;
    if (!pinRecovery || !devices.some((option) => option.verdict.reason === 'windowsHello')) return devices;
    let status: WindowsPinRecovery;
    try {
      status = await pinRecovery.windowsPinRecovery();
    } catch {
      status = 'unknown';
    }
    return devices.map((option) =>
      option.verdict.reason === 'windowsHello'
        ? { ...option, verdict: { ...option.verdict, reasonParams: { ...option.verdict.reasonParams, pinRecovery: status } } }
        : option,
    );
  }

  /** Helpdesk membership, checked as the agent; a refusal is audited. */
  private async assertAgent(agent: Actor, flow?: ResetFlow, reason?: string): Promise<void> {
    try {
      await assertHelpdeskAgent(this.options.directory, this.options.helpdeskGroupId, agent);
    } catch (error) {
      if (isAppError(error) && error.code === 'access.notHelpdesk') {
        const base: AuditEvent = flow ? this.auditBase(flow) : { kind: 'reset.refused', actor: auditParty(agent) };
        await this.trail.bestEffort({ ...base, kind: 'reset.refused', outcome: refusedOutcome(error.code), ...(reason ? { reason } : {}) });
      }
      throw error;
    }
  }

  /** One reset of the agent's hourly allowance; over it: audited refusal, reset.rateLimited. */
  private async takeHourlySlot(flow: ResetFlow, reason: string | undefined): Promise<void> {
    const counters = this.options.counters;
    if (!counters) return;
    const limit = this.options.agentMaxResetsPerHour ?? DEFAULT_AGENT_MAX_RESETS_PER_HOUR;
    const { allowed, count } = await counters.incrementIfBelow(agentResetKey(flow.agent.oid), hourWindow(this.options.clock.now()), limit);
    if (allowed) return;
    this.logFor(flow).warn('reset.rateLimited', { count, limit });
    await this.trail.bestEffort({
      ...this.auditBase(flow),
      kind: 'reset.refused',
      outcome: refusedOutcome('reset.rateLimited'),
      ...(reason ? { reason } : {}),
    });
    throw new AppError('reset.rateLimited', `At most ${limit} resets per hour per agent.`);
  }

  /** Audit the end of a reset and, when done, tell the device's owner (both best effort). */
  private async recordOutcome(flow: ResetFlow, outcome: RecoveredOutcome): Promise<void> {
    await this.trail.bestEffort({
      ...this.auditBase(flow),
      ...auditOutcome(outcome),
      kind: outcome.kind === 'done' ? 'reset.succeeded' : 'reset.failed',
    });
    const owner = flow.targetUser;
    if (outcome.kind !== 'done' || !owner || !this.options.notifier) return;
    try {
      await this.options.notifier.resetNotice(
        { oid: owner.id, name: owner.displayName },
        flow.device?.deviceName ?? '',
        flow.agent.name,
        undefined,
        chosenOutcome(flow),
      );
    } catch (error) {
      this.logFor(flow).warn('owner.noticeFailed', { error: error instanceof Error ? error.name : typeof error });
    }
  }

  /** Who, for whom, which device, why: the common part of this flow's audit records. */
  private auditBase(flow: ResetFlow): AuditEvent {
    const base: AuditEvent = { kind: 'reset.started', actor: auditParty(flow.agent), flowId: flow.id };
    if (flow.targetUser) {
      base.targetUser = auditParty({ oid: flow.targetUser.id, name: flow.targetUser.displayName, upn: flow.targetUser.userPrincipalName });
    }
    if (flow.device) base.device = { id: flow.device.id, name: flow.device.deviceName };
    if (flow.reason) base.reason = flow.reason;
    return base;
  }

  private inFlightEntry(flow: ResetFlow): InFlightReset {
    return {
      id: flow.id,
      kind: 'agentFlow',
      tenantId: flow.agent.tenantId,
      deviceId: flow.device!.id,
      deviceName: flow.device!.deviceName,
      agent: { oid: flow.agent.oid, name: flow.agent.name },
      postedAt: this.nowIso(),
      agentConversation: flow.origin,
      locale: flow.locale,
      outcome: chosenOutcome(flow),
    };
  }

  private logFor(flow: ResetFlow): Logger {
    return this.options.logger.child({ flowId: flow.id, agentOid: flow.agent.oid });
  }

  private nowIso(): string {
    return this.options.clock.now().toISOString();
  }
}

/** What may be stored about a failed reset: codes and ids only. */
export function toFailure(error: unknown): FlowFailure {
  if (!isAppError(error)) return { code: 'reset.outcomeUnknown' };
  const failure: FlowFailure = { code: error.code };
  const { errorCode, requestId, retryAfterSeconds, consentUrl } = error.details;
  if (errorCode !== undefined) failure.errorCode = errorCode;
  if (requestId !== undefined) failure.requestId = requestId;
  if (retryAfterSeconds !== undefined) failure.retryAfterSeconds = retryAfterSeconds;
  if (consentUrl !== undefined) failure.consentUrl = consentUrl;
  return failure;
}

/** The outcome fields of an audit record for a reset's end. */
function auditOutcome(outcome: RecoveredOutcome): Pick<AuditRecord, 'outcome' | 'intuneErrorCode' | 'graphRequestId'> {
  if (outcome.kind !== 'done') return failureFields(outcome.failure);
  return { outcome: outcome.removed ? 'passcodeRemoved' : 'done' };
}

/** What a done flow keeps: the date Intune stops showing the passcode, or that it was removed. */
export function doneFields(outcome: { visibleUntil?: string; removed?: true }): Pick<ResetFlow, 'visibleUntil' | 'endedByRemoval'> {
  if (outcome.removed) return { endedByRemoval: true };
  return outcome.visibleUntil !== undefined ? { visibleUntil: outcome.visibleUntil } : {};
}
