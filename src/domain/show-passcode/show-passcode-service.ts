import { evaluateDevice } from '../eligibility/evaluate';
import { DEFAULT_RULES, type EligibilityRule } from '../eligibility/rules';
import { performedOutcome } from '../eligibility/types';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/directory';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import type { RequestStore } from '../../ports/request-store';
import type { RequestState } from '../approvals/approval-request';
import type { AuditParty, AuditRecord } from '../audit/audit-record';
import { AuditTrail, auditParty, refusedOutcome } from '../audit/audit-trail';
import type { AuditEvent } from '../audit/audit-trail';
import { cleanFreeText, MAX_RESET_REASON_LENGTH } from '../audit/free-text';
import { asAgent, assertHelpdeskAgent } from '../authorization';
import { AppError, isAppError } from '../errors';
import type { ErrorCode } from '../errors';
import type { Actor, DirectoryUser, IssuedPasscode, ManagedDevice, ResetPasscodeActionResult } from '../model';
import { DEFAULT_RESET_OPTIONS, PASSCODE_VISIBLE_MS } from '../reset/passcode-reset';
import { newestResult, readAction } from '../recovery/action-reading';

/** Most people offered when a name is ambiguous. */
const MAX_CANDIDATES = 10;
const MAX_QUERY_LENGTH = 256;
/** Devices of one person whose results are read (a person has a handful). */
const MAX_DEVICES = 10;
/** Audit records about the person searched for the agent who performed the reset. */
const AUDIT_LOOKBACK = 100;
/** The person's self-service requests looked at for one still before its identity check. */
const REQUEST_LOOKBACK = 50;
/**
 * A self-service reset's passcode is revealed only after the approving agent records how the
 * employee's identity was verified. While a request of the device is being reset or waits for
 * that record, `show passcode` would be a way around it.
 */
const BEFORE_VERIFICATION: readonly RequestState[] = ['resetting', 'awaitingVerification'];

export interface ShowPasscodeInput {
  actor: Actor;
  /** The person, as typed ("show passcode for alice"). */
  query: string;
  /** Why the agent needs it; required unless the agent performed the reset. */
  reason?: string;
  /** The person the agent chose among the candidates of the same query. */
  userId?: string;
}

export type ShowPasscodeResult =
  /** PRIVATE to the agent: the passcode, read again from Intune just now (never stored). */
  | { kind: 'passcode'; user: DirectoryUser; issued: IssuedPasscode; performedBy?: AuditParty }
  /** The newest reset removed the passcode (iOS/iPadOS, visionOS): there is nothing to show. */
  | { kind: 'removed'; user: DirectoryUser; deviceName: string; startedAt: string }
  /** Several people match: ask again with `userId`. */
  | { kind: 'chooseUser'; query: string; candidates: DirectoryUser[] }
  | { kind: 'noUser'; query: string };

export interface ShowPasscodeServiceOptions {
  directory: Directory;
  intune: IntuneGateway;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  helpdeskGroupId: string;
  /** Self-service requests: a device whose request awaits the identity check shows nothing here. */
  requests: Pick<RequestStore, 'listByRequester'>;
  /** Audit record ids; default crypto.randomUUID. */
  newId?: () => string;
  /** Our clock may run ahead of Intune's (ms); default as for the reset (5 s). */
  clockSkewAllowanceMs?: number;
  /** The eligibility table, which tells a removal from a reset whose passcode is missing; default DEFAULT_RULES. */
  rules?: readonly EligibilityRule[];
}

/**
 * `show passcode for alice`: the passcode of the newest reset of one of that person's devices,
 * within the seven days Intune shows it, read again from Intune as the asking agent. The agent
 * who performed that reset (per the audit log) may see it; any other helpdesk member only with a
 * stated reason. Every view, and every refusal, is audited as `passcode.viewed`. While a
 * self-service request of that device waits for the approving agent's identity check, nobody sees
 * the passcode here: it is revealed through that check only.
 *
 * Errors: access.notHelpdesk, passcodeView.reasonRequired, passcodeView.noRecentReset,
 * passcodeView.notAvailable (the newest action on the device is not a finished reset),
 * passcodeView.awaitingVerification (a self-service request waits for its identity check), input.invalid,
 * state.unavailable (the view could not be audited, so nothing is shown), graph.* / auth.*.
 */
export class ShowPasscodeService {
  private readonly trail: AuditTrail;
  private readonly skewMs: number;
  private readonly rules: readonly EligibilityRule[];

  constructor(private readonly options: ShowPasscodeServiceOptions) {
    this.trail = new AuditTrail({ audit: options.audit, clock: options.clock, logger: options.logger, newId: options.newId ?? randomUUID });
    this.skewMs = options.clockSkewAllowanceMs ?? DEFAULT_RESET_OPTIONS.clockSkewAllowanceMs;
    this.rules = options.rules ?? DEFAULT_RULES;
  }

  async show(input: ShowPasscodeInput): Promise<ShowPasscodeResult> {
    const { actor } = input;
    const reason = cleanFreeText(input.reason, MAX_RESET_REASON_LENGTH);
    if (typeof input.reason === 'string' && input.reason.trim() !== '' && reason === undefined) {
      throw new AppError('passcodeView.reasonRequired', `Give a reason of at most ${MAX_RESET_REASON_LENGTH} characters.`);
    }
    try {
      await assertHelpdeskAgent(this.options.directory, this.options.helpdeskGroupId, actor);
    } catch (error) {
      if (isAppError(error) && error.code === 'access.notHelpdesk') await this.refused({ actor: auditParty(actor) }, error.code, reason);
      throw error;
    }

    const query = input.query.trim();
    if (query === '' || query.length > MAX_QUERY_LENGTH) throw new AppError('input.invalid', 'Name the person whose passcode to show.');
    const users = (await this.options.directory.findUsers(query, asAgent(actor), MAX_CANDIDATES)).slice(0, MAX_CANDIDATES);
    let user: DirectoryUser | undefined;
    if (input.userId !== undefined) {
      user = users.find((candidate) => candidate.id === input.userId);
      if (!user) throw new AppError('input.invalid', 'That person was not offered for this name.');
    } else if (users.length === 0) {
      return { kind: 'noUser', query };
    } else if (users.length > 1) {
      return { kind: 'chooseUser', query, candidates: users };
    } else {
      user = users[0]!;
    }

    const latest = await this.newestReset(user, actor);
    if ('removed' in latest) return { kind: 'removed', user, deviceName: latest.device.deviceName, startedAt: latest.startedAt };
    const performedBy = await this.performerOf(user, latest.device, latest.result);
    const subject: AuditEvent = {
      kind: 'passcode.viewed',
      actor: auditParty(actor),
      targetUser: auditParty({ oid: user.id, name: user.displayName, upn: user.userPrincipalName }),
      device: { id: latest.device.id, name: latest.device.deviceName },
    };
    if (await this.awaitsVerification(user, latest.device)) {
      await this.refused(subject, 'passcodeView.awaitingVerification', reason);
      throw new AppError('passcodeView.awaitingVerification', 'A self-service request of this device waits for its identity check.', {
        deviceId: latest.device.id,
      });
    }
    if (performedBy?.oid !== actor.oid && reason === undefined) {
      await this.refused(subject, 'passcodeView.reasonRequired');
      throw new AppError('passcodeView.reasonRequired', 'Another agent performed this reset: state a reason to see its passcode.', {
        deviceId: latest.device.id,
      });
    }
    // Never shown unrecorded: without this record the passcode is not returned.
    await this.trail.required({ ...subject, outcome: 'viewed', ...(reason !== undefined ? { reason } : {}) });
    this.options.logger.info('passcode.viewed', { agentOid: actor.oid, deviceId: latest.device.id, performedByOid: performedBy?.oid });
    return performedBy
      ? { kind: 'passcode', user, issued: latest.issued, performedBy }
      : { kind: 'passcode', user, issued: latest.issued };
  }

  /**
   * The newest reset on any of the person's devices, read from Intune as the agent: a device's
   * newest action must be a finished reset within the seven days (a newer action replaced it).
   */
  private async newestReset(
    user: DirectoryUser,
    actor: Actor,
  ): Promise<
    | { device: ManagedDevice; result: ResetPasscodeActionResult; issued: IssuedPasscode }
    | { device: ManagedDevice; removed: true; startedAt: string }
  > {
    const as = asAgent(actor);
    const devices = (await this.options.intune.listUserDevices(user.id, as))
      .filter((device) => device.userId === undefined || device.userId === user.id)
      .slice(0, MAX_DEVICES);
    const now = this.options.clock.now().getTime();
    let best: { device: ManagedDevice; result: ResetPasscodeActionResult; start: number } | undefined;
    for (const device of devices) {
      const newest = newestResult(await this.options.intune.getResetPasscodeResults(device.id, as));
      if (!newest) continue;
      const start = Date.parse(newest.startDateTime);
      if (now - start >= PASSCODE_VISIBLE_MS) continue;
      if (!best || start > best.start) best = { device, result: newest, start };
    }
    if (!best) throw new AppError('passcodeView.noRecentReset', 'No reset of this person’s devices in the last seven days.');
    const reading = readAction(best.result, best.device, performedOutcome(evaluateDevice(best.device, this.rules).outcome));
    if (reading.kind === 'removed') return { device: best.device, removed: true, startedAt: reading.startedAt };
    if (reading.kind !== 'done') {
      throw new AppError('passcodeView.notAvailable', 'The newest action on this device is not a finished reset.', {
        deviceId: best.device.id,
        errorCode: best.result.actionState,
      });
    }
    return { device: best.device, result: best.result, issued: reading.issued };
  }

  /**
   * Who performed that reset: the agent of the first `reset.succeeded` record for the device at
   * or after the action started (the record is written when Intune reports the end). Undefined
   * when the bot has no record (e.g. a reset made in the Intune admin center).
   */
  private async performerOf(
    user: DirectoryUser,
    device: ManagedDevice,
    result: ResetPasscodeActionResult,
  ): Promise<AuditParty | undefined> {
    const start = Date.parse(result.startDateTime);
    const records = await this.options.audit.forUser(user.id, AUDIT_LOOKBACK);
    let match: AuditRecord | undefined;
    for (const record of records) {
      if (record.kind !== 'reset.succeeded' || record.device?.id !== device.id) continue;
      const at = Date.parse(record.at);
      if (Number.isNaN(at) || at < start - this.skewMs) continue;
      if (!match || at < Date.parse(match.at)) match = record;
    }
    return match?.actor;
  }

  /** Whether one of the person's self-service requests of this device is still before its identity check. */
  private async awaitsVerification(user: DirectoryUser, device: ManagedDevice): Promise<boolean> {
    const requests = await this.options.requests.listByRequester(user.id, REQUEST_LOOKBACK);
    return requests.some((request) => request.device.id === device.id && BEFORE_VERIFICATION.includes(request.state));
  }

  private async refused(subject: Omit<AuditEvent, 'kind'>, code: ErrorCode, reason?: string): Promise<void> {
    await this.trail.bestEffort({ ...subject, kind: 'passcode.viewed', outcome: refusedOutcome(code), ...(reason !== undefined ? { reason } : {}) });
  }
}
