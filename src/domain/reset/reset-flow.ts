import type { ErrorCode } from '../errors';
import type { Actor, DirectoryUser, IssuedPasscode, ManagedDevice } from '../model';
import { performedOutcome, type DeviceOption, type PerformedOutcome } from '../eligibility/types';

/**
 * An agent's reset, from "reset PIN for alice" to the passcode. Persisted (without any secret) so
 * that card clicks can be checked server-side: a card carries only the flow id and revision.
 *
 * choosingUser -> choosingDevice -> confirming -> resetting -> done | failed
 * Terminal states: noUser, noEligibleDevice, cancelled, done, failed.
 */
export type FlowState =
  | 'choosingUser'
  | 'choosingDevice'
  | 'confirming'
  | 'resetting'
  | 'done'
  | 'failed'
  | 'cancelled'
  | 'noUser'
  | 'noEligibleDevice';

export const TERMINAL_STATES: readonly FlowState[] = ['done', 'failed', 'cancelled', 'noUser', 'noEligibleDevice'];

/** Why a reset did not produce a passcode; safe to store and show (no secret in here). */
export interface FlowFailure {
  code: ErrorCode;
  /** Graph error code or Intune action errorCode. */
  errorCode?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  consentUrl?: string;
}

export interface ResetFlow {
  id: string;
  /** Bumped on every change; a card click must name the current revision. */
  revision: number;
  state: FlowState;
  agent: Actor;
  locale: string;
  /** What the agent typed to name the user. */
  query: string;
  /** The conversation the request came from, serialized by the bot layer (opaque to the domain). */
  origin: unknown;
  /** Whether `origin` is the agent's 1:1 chat with the bot. */
  originIsPersonal: boolean;
  /**
   * The message in `origin` that holds the flow's card (opaque to the domain), kept from the Yes
   * click: a reset that recovery finishes after a restart brings that card up to date.
   */
  cardActivityId?: string;
  userCandidates?: DirectoryUser[];
  targetUser?: DirectoryUser;
  devices?: DeviceOption[];
  /** The device chosen for the reset. */
  device?: ManagedDevice;
  /** The agent's reason or ticket number, given on the confirmation card (cleaned, bounded). */
  reason?: string;
  /** When we sent the POST (ISO); results older than this belong to someone else. */
  resetRequestedAt?: string;
  /** Intune's startDateTime of our action, once seen. */
  actionStartedAt?: string;
  /** actionStartedAt + 7 days (not set after a removal: there is no passcode to show). */
  visibleUntil?: string;
  /**
   * Set when the reset ended by removing the passcode (iOS/iPadOS, visionOS): no passcode exists.
   * (Storage refuses field names that sound like a secret, hence not `passcode…`.)
   */
  endedByRemoval?: boolean;
  failure?: FlowFailure;
  createdAt: string;
  updatedAt: string;
}

/**
 * What Intune will do to the flow's chosen device, from its verdict; `newPasscode` when the flow
 * predates outcomes or names no device.
 */
export function chosenOutcome(flow: Pick<ResetFlow, 'device' | 'devices'>): PerformedOutcome {
  const id = flow.device?.id;
  return performedOutcome(flow.devices?.find((option) => option.device.id === id)?.verdict.outcome);
}

/** Progress while waiting for Intune, for the agent's "working on it" card. */
export interface ResetProgress {
  phase: 'sending' | 'retryingAfterThrottle' | 'checkingAfterError' | 'waitingForIntune';
  /** Intune's actionState when known. */
  actionState?: string;
  elapsedSeconds: number;
}

export interface StartResetInput {
  agent: Actor;
  locale: string;
  query: string;
  origin: unknown;
  originIsPersonal: boolean;
}

/** A card click: which flow, at which revision, by whom. */
export interface FlowActionInput {
  flowId: string;
  revision: number;
  actorOid: string;
  /** The message holding the clicked card, when the client names it; confirm() keeps it on the flow. */
  cardActivityId?: string;
}

export interface ExecuteResult {
  flow: ResetFlow;
  /** Present only when the flow ended in `done` and this run delivers it. Never stored. */
  issued?: IssuedPasscode;
  /**
   * True when recovery (after a restart, or on another instance) already delivered this reset's
   * outcome: the flow is returned as stored and the caller must not deliver anything.
   */
  deliveredElsewhere?: boolean;
}

/**
 * The use cases of the agent flow. Each check failure throws AppError:
 * access.notHelpdesk, flow.notFound, flow.stale (revision is not current), flow.notYours
 * (actor is not the agent who started it), flow.finished (terminal or already resetting),
 * reset.reasonRequired, reset.rateLimited, state.unavailable (audit or in-flight record not written).
 */
export interface ResetFlowService {
  /** Check helpdesk membership, find the user, list devices, apply eligibility; persist the flow. */
  start(input: StartResetInput): Promise<ResetFlow>;
  chooseUser(action: FlowActionInput, userId: string): Promise<ResetFlow>;
  chooseDevice(action: FlowActionInput, deviceId: string): Promise<ResetFlow>;
  cancel(action: FlowActionInput): Promise<ResetFlow>;
  /**
   * Claim the flow for the reset (confirming -> resetting, compare-and-set). Exactly one of two
   * simultaneous clicks succeeds; the other gets flow.finished or flow.stale.
   * `reason` is the agent's reason or ticket number from the confirmation card: trimmed, at most
   * 200 characters; required when the service is built with `requireReason` (reset.reasonRequired).
   * Over the agent's hourly limit: reset.rateLimited (audited as refused, nothing sent).
   */
  confirm(action: FlowActionInput, reason?: string): Promise<ResetFlow>;
  /** Run the reset for a flow this caller claimed with confirm(); waits for Intune's result. */
  execute(flow: ResetFlow, onProgress?: (p: ResetProgress) => void): Promise<ExecuteResult>;
  get(flowId: string): Promise<ResetFlow | undefined>;
}
