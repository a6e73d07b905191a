/**
 * Keys and windows of the rate limits (Counters port), in UTC so every instance agrees:
 * - an agent's resets per clock hour (AGENT_MAX_RESETS_PER_HOUR);
 * - an employee's self-service requests per UTC day (SELF_SERVICE_MAX_PER_DAY);
 * - an employee's device-list reads per clock hour (SELF_SERVICE_DEVICE_READS_PER_HOUR).
 */

/**
 * How often one employee may have their device list read from Intune per UTC clock hour. Looking
 * and filing read it once each, so this is five tries an hour; the daily request limit does not
 * bound reads, which happen before anything is filed. Without it, any employee could spend the
 * instance's Intune read window (INTUNE_READS_PER_20S) that agents' resets wait on.
 */
export const SELF_SERVICE_DEVICE_READS_PER_HOUR = 10;

/** `agent:{oid}` */
export function agentResetKey(agentOid: string): string {
  return `agent:${agentOid}`;
}

/** `selfService:{oid}` */
export function selfServiceKey(employeeOid: string): string {
  return `selfService:${employeeOid}`;
}

/** `deviceReads:{oid}` */
export function deviceReadsKey(employeeOid: string): string {
  return `deviceReads:${employeeOid}`;
}

/** The UTC hour, e.g. `2026-11-25T08`. */
export function hourWindow(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** The UTC day, e.g. `2026-11-25`. */
export function dayWindow(at: Date): string {
  return at.toISOString().slice(0, 10);
}
