import { AppError } from '../../src/domain/errors';
import type { ActionState, ManagedDevice, ResetPasscodeActionResult } from '../../src/domain/model';
import type { Clock } from '../../src/ports/clock';
import type { DelegatedPrincipal } from '../../src/ports/identity';
import type { IntuneGateway } from '../../src/ports/intune-gateway';

/** What the fake answers to one resetPasscode POST. */
export type FakePostAnswer =
  /** 204: Intune records the action. */
  | { kind: 'accept' }
  /** 429: not executed. */
  | { kind: 'throttle'; retryAfterSeconds?: number }
  /**
   * 5xx / timeout / dropped: `executed` says whether Intune recorded the action anyway; `error`
   * replaces the default 503 (e.g. a timeout without status).
   */
  | { kind: 'unavailable'; executed: boolean; error?: AppError }
  /** Any other error, nothing recorded. */
  | { kind: 'error'; error: AppError };

export const accept = (): FakePostAnswer => ({ kind: 'accept' });
export const throttle = (retryAfterSeconds?: number): FakePostAnswer =>
  retryAfterSeconds === undefined ? { kind: 'throttle' } : { kind: 'throttle', retryAfterSeconds };
export const unavailable = (executed: boolean, error?: AppError): FakePostAnswer =>
  error ? { kind: 'unavailable', executed, error } : { kind: 'unavailable', executed };
export const failWith = (error: AppError): FakePostAnswer => ({ kind: 'error', error });

export function throttledError(retryAfterSeconds?: number): AppError {
  return new AppError('graph.throttled', 'Too many requests.', {
    status: 429,
    requestId: 'req-throttled',
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

export function unavailableError(status = 503): AppError {
  return new AppError('graph.unavailable', 'Service unavailable.', { status, requestId: 'req-unavailable' });
}

/** What the gateway raises when the POST timed out or the connection dropped: no status, no request id. */
export function timeoutError(): AppError {
  return new AppError('graph.unavailable', 'The request timed out.');
}

/** How Intune carries out a recorded reset on a device (virtual time, from the POST). */
export interface ResetBehaviour {
  /** The state the action ends in; `stuck` stays pending forever. */
  finalState: Exclude<ActionState, 'none' | 'pending' | 'active'> | 'stuck';
  /** Time until the action leaves pending. */
  settlesAfterMs: number;
  /** Time until the action shows in deviceActionResults at all (Intune's lag). */
  visibleAfterMs: number;
  /** Passcode for `done`; default: the next of a fixed series. */
  passcode?: string;
  /** Intune's errorCode for `failed`. */
  errorCode?: number;
  /** `done` without a passcode, as Intune ends a removal on iOS/iPadOS. */
  removesPasscode?: boolean;
  /** Intune's clock minus ours (negative: Intune is behind). */
  intuneClockOffsetMs: number;
}

export const DEFAULT_BEHAVIOUR: ResetBehaviour = {
  finalState: 'done',
  settlesAfterMs: 4_000,
  visibleAfterMs: 0,
  intuneClockOffsetMs: 0,
};

/** Distinctive 8-digit passcodes, easy to search for in logs and stores. */
const PASSCODE_SERIES = ['90417736', '61829054', '37261948', '84920517', '52093618', '70318462'];

interface RecordedAction {
  postedAtMs: number;
  startDateTime: string;
  behaviour: ResetBehaviour;
  passcode: string;
}

export interface IntuneCall {
  method: 'listUserDevices' | 'getDevice' | 'resetPasscode' | 'getResetPasscodeResults';
  id: string;
  asOid: string;
  atMs: number;
}

/**
 * Intune as the domain sees it, scriptable: devices per user, answers per POST (default accept),
 * how each device's action proceeds in virtual time, earlier results already on a device, read
 * failures, or a fixed sequence of result lists. Counts every call.
 */
export class FakeIntune implements IntuneGateway {
  readonly calls: IntuneCall[] = [];
  /** Every passcode the fake generated, so tests can search logs and stores for them. */
  readonly issuedPasscodes: string[] = [];
  private readonly devices = new Map<string, ManagedDevice>();
  private readonly behaviours = new Map<string, ResetBehaviour>();
  private readonly actions = new Map<string, RecordedAction[]>();
  private readonly history = new Map<string, ResetPasscodeActionResult[]>();
  private readonly sequences = new Map<string, ResetPasscodeActionResult[][]>();
  private readonly postAnswers: FakePostAnswer[] = [];
  private readonly readErrors: AppError[] = [];
  private readonly failures = new Map<IntuneCall['method'], AppError>();
  private passcodeIndex = 0;

  constructor(private readonly clock: Clock) {}

  /** Add a device for a user (its userId is set to that user). */
  addDevice(userId: string, device: ManagedDevice, behaviour: Partial<ResetBehaviour> = {}): this {
    this.devices.set(device.id, { ...device, userId });
    this.behaviours.set(device.id, { ...DEFAULT_BEHAVIOUR, ...behaviour });
    return this;
  }

  setBehaviour(deviceId: string, behaviour: Partial<ResetBehaviour>): this {
    this.behaviours.set(deviceId, { ...this.behaviourOf(deviceId), ...behaviour });
    return this;
  }

  /** Answers for the next POSTs, in order; once used up, POSTs are accepted. */
  scriptPosts(...answers: FakePostAnswer[]): this {
    this.postAnswers.push(...answers);
    return this;
  }

  /** Results already on the device before any POST (e.g. an older reset). */
  seedResult(deviceId: string, result: ResetPasscodeActionResult): this {
    this.history.set(deviceId, [...(this.history.get(deviceId) ?? []), result]);
    return this;
  }

  /** Successive answers to result reads, replacing the simulation; the last one repeats. */
  scriptResults(deviceId: string, ...sequence: ResetPasscodeActionResult[][]): this {
    this.sequences.set(deviceId, sequence);
    return this;
  }

  /** The next result reads throw these, in order. */
  failReads(...errors: AppError[]): this {
    this.readErrors.push(...errors);
    return this;
  }

  /** The next call of `method` throws `error`. */
  failNext(method: IntuneCall['method'], error: AppError): this {
    this.failures.set(method, error);
    return this;
  }

  postCount(deviceId?: string): number {
    return this.calls.filter((c) => c.method === 'resetPasscode' && (deviceId === undefined || c.id === deviceId)).length;
  }

  readCount(deviceId?: string): number {
    return this.calls.filter(
      (c) => c.method === 'getResetPasscodeResults' && (deviceId === undefined || c.id === deviceId),
    ).length;
  }

  /** Actions Intune actually recorded for a device (what really happened to it). */
  recordedResets(deviceId: string): number {
    return this.actions.get(deviceId)?.length ?? 0;
  }

  async listUserDevices(userId: string, as: DelegatedPrincipal): Promise<ManagedDevice[]> {
    this.record('listUserDevices', userId, as);
    return [...this.devices.values()].filter((d) => d.userId === userId).map((d) => ({ ...d }));
  }

  async getDevice(deviceId: string, as: DelegatedPrincipal): Promise<ManagedDevice> {
    this.record('getDevice', deviceId, as);
    const device = this.devices.get(deviceId);
    if (!device) throw new AppError('graph.notFound', 'No such device.', { status: 404, deviceId });
    return { ...device };
  }

  async resetPasscode(deviceId: string, as: DelegatedPrincipal): Promise<void> {
    this.record('resetPasscode', deviceId, as);
    if (!this.devices.has(deviceId)) throw new AppError('graph.notFound', 'No such device.', { status: 404, deviceId });
    const answer = this.postAnswers.shift() ?? accept();
    switch (answer.kind) {
      case 'accept':
        this.recordAction(deviceId);
        return;
      case 'throttle':
        throw throttledError(answer.retryAfterSeconds);
      case 'unavailable':
        if (answer.executed) this.recordAction(deviceId);
        throw answer.error ?? unavailableError();
      case 'error':
        throw answer.error;
    }
  }

  async getResetPasscodeResults(deviceId: string, as: DelegatedPrincipal): Promise<ResetPasscodeActionResult[]> {
    this.record('getResetPasscodeResults', deviceId, as);
    const error = this.readErrors.shift();
    if (error) throw error;
    const sequence = this.sequences.get(deviceId);
    if (sequence && sequence.length > 0) {
      const next = sequence.length > 1 ? sequence.shift()! : sequence[0]!;
      return next.map((r) => ({ ...r }));
    }
    const now = this.clock.now().getTime();
    const live = (this.actions.get(deviceId) ?? [])
      .filter((a) => now >= a.postedAtMs + a.behaviour.visibleAfterMs)
      .map((a) => this.resultOf(a, now));
    const all = [...live, ...(this.history.get(deviceId) ?? []).map((r) => ({ ...r }))];
    return all.sort((a, b) => Date.parse(b.startDateTime) - Date.parse(a.startDateTime));
  }

  private resultOf(action: RecordedAction, now: number): ResetPasscodeActionResult {
    const { behaviour } = action;
    const settled = behaviour.finalState !== 'stuck' && now >= action.postedAtMs + behaviour.settlesAfterMs;
    const state: ActionState = settled ? (behaviour.finalState as ActionState) : 'pending';
    const result: ResetPasscodeActionResult = {
      actionState: state,
      startDateTime: action.startDateTime,
      lastUpdatedDateTime: new Date(now + behaviour.intuneClockOffsetMs).toISOString(),
      errorCode: state === 'failed' ? (behaviour.errorCode ?? -2016345060) : 0,
    };
    if (state === 'done' && !behaviour.removesPasscode) result.passcode = action.passcode;
    return result;
  }

  private recordAction(deviceId: string): void {
    const behaviour = this.behaviourOf(deviceId);
    const postedAtMs = this.clock.now().getTime();
    // Intune reports whole seconds, on its own clock.
    const start = Math.floor((postedAtMs + behaviour.intuneClockOffsetMs) / 1000) * 1000;
    const passcode = behaviour.passcode ?? PASSCODE_SERIES[this.passcodeIndex++ % PASSCODE_SERIES.length]!;
    this.issuedPasscodes.push(passcode);
    const action: RecordedAction = { postedAtMs, startDateTime: new Date(start).toISOString(), behaviour, passcode };
    this.actions.set(deviceId, [...(this.actions.get(deviceId) ?? []), action]);
  }

  private behaviourOf(deviceId: string): ResetBehaviour {
    return this.behaviours.get(deviceId) ?? DEFAULT_BEHAVIOUR;
  }

  private record(method: IntuneCall['method'], id: string, as: DelegatedPrincipal): void {
    this.calls.push({ method, id, asOid: as.oid, atMs: this.clock.now().getTime() });
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }
}
