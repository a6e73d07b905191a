import type { FaultRule } from './types';
import { isObject } from './http-io';

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

/** Injected faults, matched in the order added; each match consumes one use. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new Error('FaultRule.times must be positive');
    this.faults.push({ rule: { ...rule }, remaining: times });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault for this request, consuming one of its uses. */
  take(method: string, path: string): FaultRule | undefined {
    const found = this.faults.find(({ rule }) => {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
      if (typeof rule.path === 'string') return path.includes(rule.path);
      rule.path.lastIndex = 0;
      return rule.path.test(path);
    });
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.faults = this.faults.filter((f) => f !== found);
    return found.rule;
  }
}

/** Validate a fault that arrived as JSON on the admin surface (its path is a plain string). */
export function parseFaultRule(value: unknown): FaultRule | string {
  if (!isObject(value)) return 'body must be a JSON object';
  const { method, path, status, retryAfter, body, dropConnection, delayMs, times, afterHandling } = value;
  if (typeof path !== 'string' || path === '') return "'path' must be a non-empty string";
  if (method !== undefined && typeof method !== 'string') return "'method' must be a string";
  if (status !== undefined && (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)) return "'status' must be an HTTP status";
  if (retryAfter !== undefined && typeof retryAfter !== 'string') return "'retryAfter' must be a string";
  if (dropConnection !== undefined && typeof dropConnection !== 'boolean') return "'dropConnection' must be a boolean";
  if (afterHandling !== undefined && typeof afterHandling !== 'boolean') return "'afterHandling' must be a boolean";
  if (delayMs !== undefined && (typeof delayMs !== 'number' || delayMs < 0)) return "'delayMs' must be a non-negative number";
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) return "'times' must be a positive integer";
  return {
    path,
    ...(method !== undefined ? { method } : {}),
    ...(status !== undefined ? { status: status as number } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(dropConnection !== undefined ? { dropConnection } : {}),
    ...(delayMs !== undefined ? { delayMs } : {}),
    ...(times !== undefined ? { times: times as number } : {}),
    ...(afterHandling !== undefined ? { afterHandling } : {}),
  };
}
