import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/directory';
import type { FlowStore } from '../../ports/flow-store';
import type { IntuneGateway } from '../../ports/intune-gateway';
import type { Logger } from '../../ports/logger';
import { asAgent, assertHelpdeskAgent } from '../authorization';
import { evaluateDevices } from '../eligibility/evaluate';
import { DEFAULT_RULES } from '../eligibility/rules';
import type { EligibilityRule } from '../eligibility/rules';
import { AppError, isAppError } from '../errors';
import type { DirectoryUser } from '../model';
import { resetPasscodeAndWait } from './passcode-reset';
import type { PasscodeResetOptions } from './passcode-reset';
import { TERMINAL_STATES } from './reset-flow';
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

export interface ResetFlowServiceOptions {
  directory: Directory;
  intune: IntuneGateway;
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
export class DefaultResetFlowService implements ResetFlowService {
  private readonly newId: () => string;
  private readonly rules: readonly EligibilityRule[];

  constructor(private readonly options: ResetFlowServiceOptions) {
    this.newId = options.newId ?? randomUUID;
    this.rules = options.rules ?? DEFAULT_RULES;
  }

  async start(input: StartResetInput): Promise<ResetFlow> {
    await assertHelpdeskAgent(this.options.directory, this.options.helpdeskGroupId, input.agent);
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
    const users = await this.options.directory.findUsers(query, asAgent(input.agent), MAX_USER_CANDIDATES);
    const candidates = users.slice(0, MAX_USER_CANDIDATES);
    let flow: ResetFlow;
    if (candidates.length === 0) {
      flow = base;
    } else if (candidates.length > 1) {
      flow = { ...base, state: 'choosingUser', userCandidates: candidates };
    } else {
      flow = await this.withDevicesOf({ ...base, userCandidates: candidates }, candidates[0]!);
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

  async confirm(action: FlowActionInput): Promise<ResetFlow> {
    const flow = await this.load(action, 'confirm');
    if (!flow.device) throw new AppError('flow.stale', 'No device has been chosen in this request.');
    // Membership may have been revoked since the flow started; this is the gate to the reset.
    await assertHelpdeskAgent(this.options.directory, this.options.helpdeskGroupId, flow.agent);
    return this.save(flow, { ...flow, state: 'resetting', resetRequestedAt: this.nowIso() });
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
      const issued = await resetPasscodeAndWait(
        { intune: this.options.intune, clock: this.options.clock, logger: log },
        { device, as: asAgent(running.agent), ...(onProgress ? { onProgress } : {}) },
        this.options.reset,
      );
      const done: ResetFlow = {
        ...running,
        state: 'done',
        actionStartedAt: issued.startedAt,
        visibleUntil: issued.visibleUntil,
      };
      return { flow: await this.finish(running, done), issued };
    } catch (error) {
      const failure = toFailure(error);
      if (isAppError(error)) {
        log.warn('reset.ended', { code: failure.code, errorCode: failure.errorCode, requestId: failure.requestId });
      } else {
        log.error('reset.crashed', { error: error instanceof Error ? error.name : typeof error });
      }
      return { flow: await this.finish(running, { ...running, state: 'failed', failure }) };
    }
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

  /** The user's devices through the table; decides the next state. */
  private async withDevicesOf(flow: ResetFlow, user: DirectoryUser): Promise<ResetFlow> {
    const listed = await this.options.intune.listUserDevices(user.id, asAgent(flow.agent));
    // Only this user's devices, whatever the gateway returned.
    const mine = listed.filter((device) => device.userId === undefined || device.userId === user.id);
    const devices = evaluateDevices(mine, this.rules);
    const eligible = devices.filter((option) => option.verdict.eligible);
    const next: ResetFlow = { ...flow, targetUser: user, devices };
    delete next.device;
    if (eligible.length === 0) return { ...next, state: 'noEligibleDevice' };
    if (eligible.length > 1) return { ...next, state: 'choosingDevice' };
    return { ...next, state: 'confirming', device: eligible[0]!.device };
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
