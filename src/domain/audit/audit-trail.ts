import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { AppError } from '../errors';
import type { FlowFailure } from '../reset/reset-flow';
import type { AuditParty, AuditRecord } from './audit-record';

/** An audit record before it gets its id and (unless given) its time. */
export type AuditEvent = Omit<AuditRecord, 'id' | 'at'> & { at?: string };

/** The bot itself, as the actor of automatic changes (expiry). */
export const SYSTEM_ACTOR: AuditParty = { oid: 'system', name: 'Passcode Desk' };

export interface AuditTrailOptions {
  /** Where records go; without it (older wiring, some tests) nothing is recorded. */
  audit?: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Record ids; default crypto.randomUUID. */
  newId?: () => string;
}

/**
 * Writes audit records for the domain services. Two strengths:
 * - `required` gates a step that must not happen unrecorded (a reset POST, revealing a
 *   passcode): if the log cannot take the record, the step is refused with state.unavailable;
 * - `bestEffort` records something that already happened (an outcome): a failure is logged as an
 *   error and the user still gets the result.
 * Records carry ids, names, codes and reasons only: the record type has no place for a secret.
 */
export class AuditTrail {
  private readonly newId: () => string;

  constructor(private readonly options: AuditTrailOptions) {
    this.newId = options.newId ?? randomUUID;
  }

  /** Whether records are kept at all. */
  get enabled(): boolean {
    return this.options.audit !== undefined;
  }

  async required(event: AuditEvent): Promise<AuditRecord> {
    const record = this.build(event);
    if (!this.options.audit) return record;
    try {
      await this.options.audit.append(record);
    } catch (error) {
      this.logFailure(record, error);
      throw new AppError('state.unavailable', 'The audit log could not record this step, so it was not done.', {}, { cause: error });
    }
    return record;
  }

  async bestEffort(event: AuditEvent): Promise<AuditRecord> {
    const record = this.build(event);
    if (!this.options.audit) return record;
    try {
      await this.options.audit.append(record);
    } catch (error) {
      this.logFailure(record, error);
    }
    return record;
  }

  private build(event: AuditEvent): AuditRecord {
    const record: AuditRecord = { ...event, id: this.newId(), at: event.at ?? this.options.clock.now().toISOString() };
    // Optional fields left undefined are dropped, so stores and log lines see only facts.
    for (const key of Object.keys(record) as Array<keyof AuditRecord>) {
      if (record[key] === undefined) delete record[key];
    }
    return record;
  }

  private logFailure(record: AuditRecord, error: unknown): void {
    this.options.logger.error('audit.appendFailed', {
      auditId: record.id,
      kind: record.kind,
      error: error instanceof Error ? error.name : typeof error,
    });
  }
}

/** An audit party from anyone with an oid and maybe a name and UPN. */
export function auditParty(person: { oid: string; name?: string; upn?: string }): AuditParty {
  const party: AuditParty = { oid: person.oid };
  if (person.name) party.name = person.name;
  if (person.upn) party.upn = person.upn;
  return party;
}

/** The outcome word of a refusal: `refused:<error code>`. */
export function refusedOutcome(code: string): string {
  return `refused:${code}`;
}

/** What an audit record says about a failed reset: outcome, Intune error code, Graph request id. */
export function failureFields(failure: FlowFailure): Pick<AuditRecord, 'outcome' | 'intuneErrorCode' | 'graphRequestId'> {
  const fields: Pick<AuditRecord, 'outcome' | 'intuneErrorCode' | 'graphRequestId'> = { outcome: `failed:${failure.code}` };
  if (failure.errorCode !== undefined) fields.intuneErrorCode = failure.errorCode;
  if (failure.requestId !== undefined) fields.graphRequestId = failure.requestId;
  return fields;
}
