/**
 * Keys and windows of the rate limits (Counters port), in UTC so every instance agrees:
 * - an agent's resets per clock hour (AGENT_MAX_RESETS_PER_HOUR);
 * - an employee's self-service requests per UTC day (SELF_SERVICE_MAX_PER_DAY).
 */

/** `agent:{oid}` */
export function agentResetKey(agentOid: string): string {
  return `agent:${agentOid}`;
}

/** `selfService:{oid}` */
export function selfServiceKey(employeeOid: string): string {
  return `selfService:${employeeOid}`;
}

/** The UTC hour, e.g. `2026-11-25T08`. */
export function hourWindow(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** The UTC day, e.g. `2026-11-25`. */
export function dayWindow(at: Date): string {
  return at.toISOString().slice(0, 10);
}
