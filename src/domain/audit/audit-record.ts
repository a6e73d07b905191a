/**
 * One audit record: who did what to whose device, and how it ended. Never a passcode or token.
 * Append-only: the bot never updates or deletes a record.
 */
export type AuditKind =
  | 'request.created'
  | 'request.approved'
  | 'request.denied'
  | 'request.cancelled'
  | 'request.expired'
  | 'request.refused'
  | 'reset.started'
  | 'reset.succeeded'
  | 'reset.failed'
  | 'reset.refused'
  | 'identity.verified'
  | 'passcode.viewed'
  | 'passcode.delivered';

export interface AuditParty {
  oid: string;
  name?: string;
  upn?: string;
}

export interface AuditRecord {
  id: string;
  /** ISO time of the event. */
  at: string;
  kind: AuditKind;
  /** Who acted (agent, employee, or the bot itself for expiry: oid 'system'). */
  actor: AuditParty;
  /** For whom: the employee of a self-service request. */
  onBehalfOf?: AuditParty;
  /** The device's owner. */
  targetUser?: AuditParty;
  device?: { id: string; name: string };
  /** Agent's reason or ticket number, employee's justification, deny reason, view reason. */
  reason?: string;
  /** e.g. done, failed, refused: rate limit, expired. */
  outcome?: string;
  intuneErrorCode?: string;
  graphRequestId?: string;
  /** How the employee's identity was verified (callBack, manager, inPerson, other). */
  verification?: string;
  /** The agent flow or self-service request this belongs to. */
  flowId?: string;
  requestId?: string;
}
