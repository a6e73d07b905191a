import type { PerformedOutcome } from '../domain/eligibility/types';
/**
 * Resets whose POST was sent but whose passcode has not reached the agent yet. Lets a restarted
 * (or another) instance finish the job: read the result from Intune and deliver it exactly once.
 * Holds no passcode and no token.
 */
export interface InFlightReset {
  /** The flow id (agent flow) or request id (self-service). */
  id: string;
  kind: 'agentFlow' | 'selfService';
  tenantId: string;
  deviceId: string;
  deviceName: string;
  agent: { oid: string; name: string };
  /** When our POST was sent (ISO): results older than this are not ours. */
  postedAt: string;
  /** The agent's 1:1 or origin conversation, serialized by the bot layer. */
  agentConversation: unknown;
  locale: string;
  /** What the table said Intune does (absent: a new passcode); a removal has no passcode to deliver. */
  outcome?: PerformedOutcome;
  /** Set once the passcode was delivered (compare-and-set makes it exactly once). */
  deliveredAt?: string;
  etag?: string;
}

export interface InFlightStore {
  add(entry: InFlightReset): Promise<void>;
  get(id: string): Promise<InFlightReset | undefined>;
  /** Not yet delivered, oldest first. */
  listPending(limit: number): Promise<InFlightReset[]>;
  /** Mark delivered only if nobody did before; false when another instance already did. */
  markDelivered(id: string, at: string): Promise<boolean>;
  remove(id: string): Promise<void>;
}
