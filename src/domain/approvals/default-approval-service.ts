import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Counters } from '../../ports/counters';
import type { Directory } from '../../ports/directory';
import type { InFlightReset, InFlightStore } from '../../ports/in-flight-store';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import type { OwnerNotifier } from '../../ports/notifier';
import type { RequestStore } from '../../ports/request-store';
import type { AuditKind } from '../audit/audit-record';
import { AuditTrail, auditParty, failureFields, refusedOutcome, SYSTEM_ACTOR } from '../audit/audit-trail';
import type { AuditEvent } from '../audit/audit-trail';
import { cleanFreeText, MAX_REQUEST_TEXT_LENGTH } from '../audit/free-text';
import { asAgent, assertHelpdeskAgent } from '../authorization';
import { evaluateDevices } from '../eligibility/evaluate';
import { DEFAULT_RULES } from '../eligibility/rules';
import type { EligibilityRule } from '../eligibility/rules';
import { performedOutcome, type DeviceOption } from '../eligibility/types';
import { AppError, isAppError } from '../errors';
import type { ErrorCode } from '../errors';
import { isRemoval } from '../model';
import type { Actor, IssuedPasscode, ManagedDevice } from '../model';
import type { RecoveredOutcome, RecoverySettler } from '../recovery/in-flight-recovery';
import { InFlightTracker } from '../recovery/in-flight-tracker';
import type { RunningResets } from '../recovery/running-resets';
import { DEFAULT_RESET_OPTIONS, resetPasscodeAndWait } from '../reset/passcode-reset';
import type { PasscodeResetOptions } from '../reset/passcode-reset';
import type { ResetProgress } from '../reset/reset-flow';
import { toFailure } from '../reset/reset-flow-service';
import { readPasscodeAgain } from '../show-passcode/passcode-reader';
import { FINAL_STATES, requestOutcome } from './approval-request';
import type { ApprovalRequest, RequestParty, VerificationMethod } from './approval-request';
import type { ApprovalService, FileRequestInput, RequestActionInput, VerificationInput } from './approval-service';
import { dayWindow, deviceReadsKey, hourWindow, SELF_SERVICE_DEVICE_READS_PER_HOUR, selfServiceKey } from './guard-rails';

/** Identity checks an agent may record before a passcode is revealed. */
export const VERIFICATION_METHODS: readonly VerificationMethod[] = ['callBack', 'manager', 'inPerson', 'other'];
/** How many of an employee's requests `listMine` returns by default. */
export const DEFAULT_LIST_LIMIT = 20;
/** Open requests looked at per expiry sweep. */
const EXPIRY_BATCH = 100;
/** An employee's requests looked at when a device slot seems taken. */
const SLOT_LOOKBACK = 50;
const HOUR_MS = 60 * 60 * 1000;

export interface ApprovalServiceOptions {
  directory: Directory;
  intune: IntuneGateway;
  requests: RequestStore;
  audit: AuditLog;
  counters: Counters;
  clock: Clock;
  logger: Logger;
  /** Entra group whose members may approve (HELPDESK_GROUP_ID). */
  helpdeskGroupId: string;
  /** APPROVAL_TTL_HOURS: an open request expires this long after it was filed. */
  approvalTtlHours: number;
  /** SELF_SERVICE_MAX_PER_DAY: requests per employee per UTC day. */
  selfServiceMaxPerDay: number;
  /** The eligibility table; default DEFAULT_RULES (the same table as the agent flow). */
  rules?: readonly EligibilityRule[];
  /** Request and audit record ids; default crypto.randomUUID. */
  newId?: () => string;
  /** In-flight records, written just before the POST, so a restart loses nothing. */
  inFlight?: InFlightStore;
  /** The resets this process runs (shared with InFlightRecovery). */
  running?: RunningResets;
  /** Tells the device's owner after every successful reset (best effort). */
  notifier?: OwnerNotifier;
  /** Timing of the reset and wait; default DEFAULT_RESET_OPTIONS. */
  reset?: Partial<PasscodeResetOptions>;
}

/**
 * Self-service requests on ports only. Every state change is a compare-and-set on the request's
 * revision, so exactly one of several racing clicks (on one instance or many) changes it; the
 * others are told who won by reading the request again. Every request, decision, reset, failure,
 * verification, expiry and refusal is audited. The passcode is never stored: it is read from
 * Intune again when the approving agent has verified the employee's identity.
 */
export class DefaultApprovalService implements ApprovalService, RecoverySettler<ApprovalRequest> {
  private readonly newId: () => string;
  private readonly rules: readonly EligibilityRule[];
  private readonly trail: AuditTrail;
  private readonly tracker: InFlightTracker;
  private readonly timing: PasscodeResetOptions;

  constructor(private readonly options: ApprovalServiceOptions) {
    this.newId = options.newId ?? randomUUID;
    this.rules = options.rules ?? DEFAULT_RULES;
    const { clock, logger } = options;
    this.trail = new AuditTrail({ audit: options.audit, clock, logger, newId: this.newId });
    this.tracker = new InFlightTracker({ store: options.inFlight, running: options.running, clock, logger });
    this.timing = { ...DEFAULT_RESET_OPTIONS, ...options.reset };
  }

  async ownDevices(requester: Actor): Promise<DeviceOption[]> {
    const key = deviceReadsKey(requester.oid);
    const window = hourWindow(this.options.clock.now());
    const reads = await this.options.counters.incrementIfBelow(key, window, SELF_SERVICE_DEVICE_READS_PER_HOUR);
    if (!reads.allowed) {
      this.options.logger.warn('request.readLimited', { requesterOid: requester.oid });
      throw new AppError('request.readLimit', `At most ${SELF_SERVICE_DEVICE_READS_PER_HOUR} device list reads per hour.`);
    }
    let listed: ManagedDevice[];
    try {
      // The bot's own read-only identity: the employee's token is never used for Intune.
      listed = await this.options.intune.listUserDevices(requester.oid, { kind: 'app' });
    } catch (error) {
      // Without the bot's token nothing reached Intune: an employee retrying through our own
      // outage keeps their reads. Anything else may have reached Intune, and counts.
      if (isAppError(error) && error.code.startsWith('auth.')) await this.giveBackRead(key, window);
      throw error;
    }
    const mine = listed.filter((device) => device.userId === undefined || device.userId === requester.oid);
    return evaluateDevices(mine, this.rules);
  }

  async file(input: FileRequestInput): Promise<ApprovalRequest> {
    const requester = input.requester;
    const justification = cleanFreeText(input.justification, MAX_REQUEST_TEXT_LENGTH);
    if (justification === undefined) {
      throw new AppError('request.justificationRequired', `Say why the reset is needed, in at most ${MAX_REQUEST_TEXT_LENGTH} characters.`);
    }
    const refusal = (code: ErrorCode, device?: ManagedDevice): Promise<unknown> =>
      this.trail.bestEffort({
        kind: 'request.refused',
        actor: auditParty({ ...requester }),
        targetUser: auditParty({ ...requester }),
        ...(device ? { device: { id: device.id, name: device.deviceName } } : {}),
        reason: justification,
        outcome: refusedOutcome(code),
      });

    const option = (await this.ownDevices(requester)).find((candidate) => candidate.device.id === input.deviceId);
    if (!option || !option.verdict.eligible) {
      await refusal('input.invalid');
      throw new AppError('input.invalid', 'That device is not one of your devices that can be reset.');
    }
    const device = option.device;
    const id = this.newId();
    if (!(await this.claimDeviceSlot(device.id, id, requester.oid))) {
      await refusal('request.deviceBusy', device);
      throw new AppError('request.deviceBusy', 'There is already an open request for this device.', { deviceId: device.id });
    }
    const now = this.options.clock.now();
    const day = await this.options.counters.incrementIfBelow(selfServiceKey(requester.oid), dayWindow(now), this.options.selfServiceMaxPerDay);
    if (!day.allowed) {
      await this.options.requests.releaseDevice(device.id, id);
      await refusal('request.dailyLimit', device);
      throw new AppError('request.dailyLimit', `At most ${this.options.selfServiceMaxPerDay} requests per day.`);
    }

    const request: ApprovalRequest = {
      id,
      revision: 1,
      state: 'open',
      tenantId: requester.tenantId,
      requester: { oid: requester.oid, name: requester.name, ...(requester.upn ? { upn: requester.upn } : {}) },
      device: {
        id: device.id,
        name: device.deviceName,
        platform: option.verdict.platform,
        outcome: performedOutcome(option.verdict.outcome),
        ...(device.model ? { model: device.model } : {}),
        ...(device.osVersion ? { osVersion: device.osVersion } : {}),
      },
      justification,
      locale: input.locale,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.approvalTtlHours * HOUR_MS).toISOString(),
      requesterConversation: input.requesterConversation,
      updatedAt: now.toISOString(),
    };
    try {
      await this.options.requests.create(request);
    } catch (error) {
      await this.options.requests.releaseDevice(device.id, id);
      throw new AppError('state.unavailable', 'The request could not be saved.', {}, { cause: error });
    }
    await this.trail.bestEffort({ ...this.auditBase(request), kind: 'request.created', actor: auditParty(request.requester), outcome: 'open' });
    this.logFor(request).info('request.filed', { deviceId: device.id });
    return request;
  }

  async listMine(requesterOid: string, limit = DEFAULT_LIST_LIMIT): Promise<ApprovalRequest[]> {
    const requests = await this.options.requests.listByRequester(requesterOid, limit);
    // Show expiry as it is, even before the next sweep.
    return Promise.all(requests.map((request) => (this.isDue(request) ? this.expire(request) : request)));
  }

  async cancel(requesterOid: string, requestId?: string): Promise<ApprovalRequest> {
    let request: ApprovalRequest | undefined;
    if (requestId !== undefined) {
      request = await this.options.requests.get(requestId);
      if (!request) throw new AppError('request.notFound', 'This request no longer exists.');
      if (request.requester.oid !== requesterOid) throw new AppError('request.notYours', 'This request belongs to someone else.');
    } else {
      const mine = await this.options.requests.listByRequester(requesterOid, SLOT_LOOKBACK);
      request = mine.find((candidate) => candidate.state === 'open');
      if (!request) throw new AppError('request.noneOpen', 'There is no open request to withdraw.');
    }
    await this.assertStillOpen(request);
    const cancelled = await this.save(request, { ...request, state: 'cancelled' });
    await this.options.requests.releaseDevice(cancelled.device.id, cancelled.id);
    await this.trail.bestEffort({ ...this.auditBase(cancelled), kind: 'request.cancelled', actor: auditParty(cancelled.requester), outcome: 'cancelled' });
    return cancelled;
  }

  async approve(action: RequestActionInput, verification?: VerificationInput): Promise<ApprovalRequest> {
    const request = await this.loadForDecision(action);
    const removal = requestOutcome(request) === 'passcodeRemoved';
    // A removal leaves nothing to reveal later: the identity check is part of the approval.
    const verified = removal ? this.checkedVerification(verification, action.actor) : undefined;
    const now = this.nowIso();
    const next: ApprovalRequest = {
      ...request,
      state: 'resetting',
      decidedBy: party(action.actor),
      decidedAt: now,
      resetRequestedAt: now,
    };
    if (verified) next.verification = verified;
    if (action.conversation !== undefined) next.agentConversation = action.conversation;
    if (action.locale !== undefined) next.agentLocale = action.locale;
    if (verified) {
      // Recorded before the claim and before Intune is called: a removal never happens unverified.
      await this.trail.required({
        ...this.auditBase(request),
        kind: 'identity.verified',
        actor: auditParty(action.actor),
        verification: verified.method,
        ...(verified.note !== undefined ? { reason: verified.note } : {}),
        outcome: 'verified',
      });
    }
    const approved = await this.save(request, next);
    await this.trail.bestEffort({ ...this.auditBase(approved), kind: 'request.approved', actor: auditParty(action.actor), outcome: 'approved' });
    this.logFor(approved).info('request.approved', { agentOid: action.actor.oid });
    return approved;
  }

  /** The verification given with the approval of a removal; request.verificationFirst without one. */
  private checkedVerification(verification: VerificationInput | undefined, actor: Actor): NonNullable<ApprovalRequest['verification']> {
    const method = VERIFICATION_METHODS.find((candidate) => candidate === verification?.method);
    if (!method) {
      throw new AppError('request.verificationFirst', 'Record how the identity was verified before approving a passcode removal.');
    }
    const note = verification?.note;
    const cleanedNote = cleanFreeText(note, MAX_REQUEST_TEXT_LENGTH);
    const noteGiven = typeof note === 'string' && note.trim() !== '';
    if ((noteGiven && cleanedNote === undefined) || (method === 'other' && cleanedNote === undefined)) {
      throw new AppError('request.noteRequired', `Describe the verification in at most ${MAX_REQUEST_TEXT_LENGTH} characters.`);
    }
    const checked: NonNullable<ApprovalRequest['verification']> = { method, by: party(actor), at: this.nowIso() };
    if (cleanedNote !== undefined) checked.note = cleanedNote;
    return checked;
  }

  async deny(action: RequestActionInput, reason: string): Promise<ApprovalRequest> {
    const cleaned = cleanFreeText(reason, MAX_REQUEST_TEXT_LENGTH);
    if (cleaned === undefined) {
      throw new AppError('request.denyReasonRequired', `Give a reason of at most ${MAX_REQUEST_TEXT_LENGTH} characters.`);
    }
    const request = await this.loadForDecision(action);
    const denied = await this.save(request, {
      ...request,
      state: 'denied',
      decidedBy: party(action.actor),
      decidedAt: this.nowIso(),
      denyReason: cleaned,
    });
    await this.options.requests.releaseDevice(denied.device.id, denied.id);
    await this.trail.bestEffort({ ...this.auditBase(denied), kind: 'request.denied', actor: auditParty(action.actor), reason: cleaned, outcome: 'denied' });
    return denied;
  }

  async execute(claimed: ApprovalRequest, onProgress?: (p: ResetProgress) => void): Promise<ApprovalRequest> {
    const stored = await this.options.requests.get(claimed.id);
    if (!stored) throw new AppError('request.notFound', 'This request no longer exists.');
    if (stored.state !== 'resetting') {
      throw FINAL_STATES.includes(stored.state) || stored.state === 'awaitingVerification'
        ? new AppError('request.finished', 'This request is already over.')
        : new AppError('request.stale', 'This request has not been approved.');
    }
    if (stored.revision !== claimed.revision || !stored.decidedBy) throw new AppError('request.stale', 'This request has changed.');
    // Claim the run itself too, so a doubled execute() can never send a second reset.
    const running = await this.save(stored, { ...stored });
    const agent = running.decidedBy!;
    const log = this.logFor(running);
    const actor = auditParty(agent);

    try {
      // Both written before the POST: an unrecorded reset, or one a restart would lose, is not sent.
      await this.trail.required({ ...this.auditBase(running), kind: 'reset.started', actor, outcome: 'started' });
      await this.tracker.begin(this.inFlightEntry(running, agent));
    } catch (error) {
      const failure = toFailure(error);
      log.error('reset.notSent', { code: failure.code });
      return this.endRun(running, { kind: 'failed', failure });
    }

    let outcome: RecoveredOutcome;
    try {
      const result = await resetPasscodeAndWait(
        { intune: this.options.intune, clock: this.options.clock, logger: log },
        { device: this.deviceOf(running), as: asAgent(agent), outcome: requestOutcome(running), ...(onProgress ? { onProgress } : {}) },
        this.options.reset,
      );
      // The passcode itself is dropped here: it is read again once the identity is verified.
      outcome = isRemoval(result)
        ? { kind: 'done', startedAt: result.startedAt, removed: true }
        : { kind: 'done', startedAt: result.startedAt, visibleUntil: result.visibleUntil };
    } catch (error) {
      const failure = toFailure(error);
      if (isAppError(error)) log.warn('reset.ended', { code: failure.code, errorCode: failure.errorCode, requestId: failure.requestId });
      else log.error('reset.crashed', { error: error instanceof Error ? error.name : typeof error });
      outcome = { kind: 'failed', failure };
    }

    if (!(await this.tracker.finish(running.id))) {
      // Recovery (after a restart, or on another instance) already stored and announced it.
      log.info('reset.deliveredElsewhere', {});
      return (await this.options.requests.get(running.id)) ?? running;
    }
    return this.endRun(running, outcome);
  }

  async verifyAndReveal(
    action: RequestActionInput,
    method: VerificationMethod,
    note?: string,
  ): Promise<{ request: ApprovalRequest; issued: IssuedPasscode }> {
    if (!VERIFICATION_METHODS.includes(method)) throw new AppError('input.invalid', 'Unknown way of verifying an identity.');
    const cleanedNote = cleanFreeText(note, MAX_REQUEST_TEXT_LENGTH);
    const noteGiven = typeof note === 'string' && note.trim() !== '';
    if ((noteGiven && cleanedNote === undefined) || (method === 'other' && cleanedNote === undefined)) {
      throw new AppError('request.noteRequired', `Describe the verification in at most ${MAX_REQUEST_TEXT_LENGTH} characters.`);
    }

    const request = await this.options.requests.get(action.requestId);
    if (!request) throw new AppError('request.notFound', 'This request no longer exists.');
    this.assertTenant(request, action.actor);
    if (request.state !== 'awaitingVerification') {
      throw FINAL_STATES.includes(request.state)
        ? new AppError('request.finished', 'This request is already over.')
        : new AppError('request.stale', 'This request is not waiting for a verification.');
    }
    if (request.decidedBy?.oid !== action.actor.oid) {
      await this.refuse(request, action.actor, 'request.notApprover');
      throw new AppError('request.notApprover', 'Only the approving agent can verify this request.');
    }
    if (request.revision !== action.revision) throw new AppError('request.stale', 'This card is out of date.');
    // Membership may have been revoked since the approval; this is the gate to the passcode.
    await this.assertHelpdesk(request, action.actor);

    const requestedAt = Date.parse(request.resetRequestedAt ?? request.decidedAt ?? request.updatedAt);
    const issued = await readPasscodeAgain(
      this.options.intune,
      this.deviceOf(request),
      asAgent(action.actor),
      {
        ...(request.actionStartedAt ? { startedAt: request.actionStartedAt } : {}),
        notBefore: requestedAt - this.timing.clockSkewAllowanceMs,
      },
      this.options.clock.now().getTime(),
      requestOutcome(request),
    );
    const at = this.nowIso();
    const verification: NonNullable<ApprovalRequest['verification']> = { method, by: party(action.actor), at };
    if (cleanedNote !== undefined) verification.note = cleanedNote;
    const done = await this.save(request, { ...request, state: 'done', verification });
    await this.options.requests.releaseDevice(done.device.id, done.id);
    // The reveal must never happen unrecorded: without this record the passcode is not returned.
    await this.trail.required({
      ...this.auditBase(done),
      kind: 'identity.verified',
      actor: auditParty(action.actor),
      verification: method,
      ...(cleanedNote !== undefined ? { reason: cleanedNote } : {}),
      outcome: 'verified',
    });
    await this.trail.bestEffort({ ...this.auditBase(done), kind: 'passcode.delivered', actor: auditParty(action.actor), outcome: 'delivered' });
    return { request: done, issued };
  }

  async expireDue(): Promise<ApprovalRequest[]> {
    const open = await this.options.requests.listOpen(EXPIRY_BATCH);
    const changed: ApprovalRequest[] = [];
    for (const request of open.filter((candidate) => this.isDue(candidate))) {
      const expired = await this.expire(request);
      if (expired.state === 'expired' && expired.revision !== request.revision) changed.push(expired);
    }
    return changed;
  }

  async get(requestId: string): Promise<ApprovalRequest | undefined> {
    return this.options.requests.get(requestId);
  }

  deviceOf(request: ApprovalRequest): Pick<ManagedDevice, 'id' | 'deviceName'> {
    return { id: request.device.id, deviceName: request.device.name };
  }

  /**
   * Store the outcome of a reset that recovery finished (the run that sent it is gone). Called by
   * InFlightRecovery after it claimed the delivery, so it runs once per reset.
   */
  async settleRecovered(entry: InFlightReset, outcome: RecoveredOutcome): Promise<ApprovalRequest | undefined> {
    const request = await this.options.requests.get(entry.id);
    if (!request || request.state !== 'resetting') return request;
    return this.endRun(request, outcome);
  }

  /** Best effort: a read not given back only counts against the employee for this hour. */
  private async giveBackRead(key: string, window: string): Promise<void> {
    try {
      await this.options.counters.decrement(key, window);
    } catch (error) {
      this.options.logger.warn('request.readNotGivenBack', { error: error instanceof Error ? error.name : typeof error });
    }
  }

  /** Store how a reset ended, audit it, free the device when over, tell the owner when done. */
  private async endRun(running: ApprovalRequest, outcome: RecoveredOutcome): Promise<ApprovalRequest> {
    const agent = running.decidedBy ?? { oid: 'unknown', name: '' };
    const next: ApprovalRequest =
      outcome.kind !== 'done'
        ? { ...running, state: 'failed', failure: outcome.failure }
        : outcome.removed
          ? // Verified at the approval; nothing to reveal: the request is over.
            { ...running, state: 'done', actionStartedAt: outcome.startedAt, endedByRemoval: true }
          : { ...running, state: 'awaitingVerification', actionStartedAt: outcome.startedAt, ...(outcome.visibleUntil ? { visibleUntil: outcome.visibleUntil } : {}) };
    const ended = await this.finish(running, next);
    if (ended.state === 'failed' || ended.state === 'done') await this.options.requests.releaseDevice(ended.device.id, ended.id);
    const kind: AuditKind = outcome.kind === 'done' ? 'reset.succeeded' : 'reset.failed';
    const result = outcome.kind !== 'done' ? failureFields(outcome.failure) : { outcome: outcome.removed ? 'passcodeRemoved' : 'done' };
    await this.trail.bestEffort({ ...this.auditBase(running), ...result, kind, actor: auditParty(agent) });
    if (outcome.kind === 'done' && this.options.notifier) {
      try {
        await this.options.notifier.resetNotice(
          { oid: running.requester.oid, name: running.requester.name },
          running.device.name,
          agent.name,
          running.locale,
          requestOutcome(running),
        );
      } catch (error) {
        this.logFor(running).warn('owner.noticeFailed', { error: error instanceof Error ? error.name : typeof error });
      }
    }
    return ended;
  }

  /**
   * The request a decision (approve, deny) names, checked: it exists, is still open and not past
   * its time (then it is expired now), the card is current, the decider is not the requester and
   * is a helpdesk member. Refusals are audited.
   */
  private async loadForDecision(action: RequestActionInput): Promise<ApprovalRequest> {
    const request = await this.options.requests.get(action.requestId);
    if (!request) throw new AppError('request.notFound', 'This request no longer exists.');
    this.assertTenant(request, action.actor);
    if (request.state === 'open' && this.isDue(request)) await this.refuse(request, action.actor, 'request.expired');
    await this.assertStillOpen(request);
    if (request.revision !== action.revision) throw new AppError('request.stale', 'This card is out of date.');
    // Separation of duties, checked before anything else is asked of Graph.
    if (action.actor.oid === request.requester.oid) {
      await this.refuse(request, action.actor, 'request.selfApproval');
      throw new AppError('request.selfApproval', 'Nobody can decide their own request.');
    }
    await this.assertHelpdesk(request, action.actor);
    return request;
  }

  /** Open and not past its time; a request past its time is expired on the spot. */
  private async assertStillOpen(request: ApprovalRequest): Promise<void> {
    if (request.state === 'open' && this.isDue(request)) {
      await this.expire(request);
      throw new AppError('request.expired', 'This request has expired.');
    }
    if (request.state === 'expired') throw new AppError('request.expired', 'This request has expired.');
    if (request.state !== 'open') throw new AppError('request.finished', 'This request has already been decided.');
  }

  private async assertHelpdesk(request: ApprovalRequest, actor: Actor): Promise<void> {
    try {
      await assertHelpdeskAgent(this.options.directory, this.options.helpdeskGroupId, actor);
    } catch (error) {
      if (isAppError(error) && error.code === 'access.notHelpdesk') await this.refuse(request, actor, error.code);
      throw error;
    }
  }

  private assertTenant(request: ApprovalRequest, actor: Actor): void {
    if (actor.tenantId !== request.tenantId) throw new AppError('access.wrongTenant', 'This request belongs to another organization.');
  }

  /** Audit a refused action on a request. */
  private async refuse(request: ApprovalRequest, actor: Actor, code: ErrorCode): Promise<void> {
    this.logFor(request).warn('request.refused', { actorOid: actor.oid, code });
    await this.trail.bestEffort({ ...this.auditBase(request), kind: 'request.refused', actor: auditParty(actor), outcome: refusedOutcome(code) });
  }

  /** open -> expired (compare-and-set); the current request whether or not this call changed it. */
  private async expire(request: ApprovalRequest): Promise<ApprovalRequest> {
    const written: ApprovalRequest = { ...request, state: 'expired', revision: request.revision + 1, updatedAt: this.nowIso() };
    if (!(await this.options.requests.replace(written, request.revision))) {
      return (await this.options.requests.get(request.id)) ?? request;
    }
    await this.options.requests.releaseDevice(written.device.id, written.id);
    await this.trail.bestEffort({ ...this.auditBase(written), kind: 'request.expired', actor: SYSTEM_ACTOR, outcome: 'expired' });
    this.logFor(written).info('request.expired', {});
    return written;
  }

  /**
   * Take the device's "one open request" slot. A device belongs to one employee, so a slot that
   * seems taken is held by one of this employee's requests: one past its time is expired, one
   * already over (its release lost, e.g. in a crash) is released; then the claim is tried again.
   */
  private async claimDeviceSlot(deviceId: string, requestId: string, requesterOid: string): Promise<boolean> {
    const store = this.options.requests;
    if (await store.claimDevice(deviceId, requestId)) return true;
    const mine = (await store.listByRequester(requesterOid, SLOT_LOOKBACK)).filter((request) => request.device.id === deviceId);
    let freed = false;
    for (const request of mine) {
      if (request.state === 'open' && this.isDue(request)) {
        freed = (await this.expire(request)).state === 'expired' || freed;
      } else if (FINAL_STATES.includes(request.state)) {
        await store.releaseDevice(deviceId, request.id);
        freed = true;
      }
    }
    return freed ? store.claimDevice(deviceId, requestId) : false;
  }

  /** Compare-and-set: `next` as the next revision of `current`; the loser learns who won. */
  private async save(current: ApprovalRequest, next: ApprovalRequest): Promise<ApprovalRequest> {
    const written: ApprovalRequest = { ...next, revision: current.revision + 1, updatedAt: this.nowIso() };
    if (await this.options.requests.replace(written, current.revision)) {
      this.logFor(written).info('request.changed', { state: written.state, revision: written.revision });
      return written;
    }
    const now = await this.options.requests.get(current.id);
    if (now && now.state !== current.state) {
      throw now.state === 'expired'
        ? new AppError('request.expired', 'This request has expired.')
        : new AppError('request.finished', 'Someone else acted on this request first.');
    }
    throw new AppError('request.stale', 'This request was changed by another action.');
  }

  /** Store the end of a run; the outcome stands even if the write loses (it is logged). */
  private async finish(running: ApprovalRequest, next: ApprovalRequest): Promise<ApprovalRequest> {
    try {
      return await this.save(running, next);
    } catch (error) {
      this.logFor(running).error('request.finishNotStored', { state: next.state, code: isAppError(error) ? error.code : 'unexpected' });
      return { ...next, revision: running.revision + 1, updatedAt: this.nowIso() };
    }
  }

  private isDue(request: ApprovalRequest): boolean {
    return request.state === 'open' && this.options.clock.now().getTime() >= Date.parse(request.expiresAt);
  }

  /** For whom, which device, why: the common part of this request's audit records. */
  private auditBase(request: ApprovalRequest): AuditEvent {
    const employee = auditParty({ oid: request.requester.oid, name: request.requester.name, ...(request.requester.upn ? { upn: request.requester.upn } : {}) });
    return {
      kind: 'request.created',
      actor: employee,
      onBehalfOf: employee,
      targetUser: employee,
      device: { id: request.device.id, name: request.device.name },
      reason: request.justification,
      requestId: request.id,
    };
  }

  private inFlightEntry(request: ApprovalRequest, agent: RequestParty): InFlightReset {
    return {
      id: request.id,
      kind: 'selfService',
      tenantId: request.tenantId,
      deviceId: request.device.id,
      deviceName: request.device.name,
      agent: { oid: agent.oid, name: agent.name },
      postedAt: this.nowIso(),
      agentConversation: request.agentConversation,
      locale: request.agentLocale ?? request.locale,
      outcome: requestOutcome(request),
    };
  }

  private logFor(request: ApprovalRequest): Logger {
    return this.options.logger.child({ requestId: request.id });
  }

  private nowIso(): string {
    return this.options.clock.now().toISOString();
  }
}

function party(actor: Actor): RequestParty {
  return { oid: actor.oid, name: actor.name };
}
