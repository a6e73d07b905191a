/** Memory implementations of the state ports, for unit tests only (a second instance sees nothing). */
export { MemoryFlowStore } from '../storage/memory-flow-store';
export { MemoryRequestStore } from './memory-request-store';
export { MemoryCounters } from './memory-counters';
export { MemoryInFlightStore } from './memory-in-flight-store';
export { MemoryAppSettingsStore, MemoryConversationDirectory } from './memory-app-settings-store';
export { MemoryAuditLog, type MemoryAuditLogOptions } from './memory-audit-log';

import type { Logger } from '../../ports/logger';
import type { SharedState } from '../../ports/shared-state';
import { MemoryFlowStore } from '../storage/memory-flow-store';
import { MemoryAppSettingsStore, MemoryConversationDirectory } from './memory-app-settings-store';
import { MemoryAuditLog } from './memory-audit-log';
import { MemoryCounters } from './memory-counters';
import { MemoryInFlightStore } from './memory-in-flight-store';
import { MemoryRequestStore } from './memory-request-store';

/** Every shared store in process memory: unit tests, and a demo started without storage. */
export function createMemoryState(options: { logger?: Logger; auditRetentionDays?: number } = {}): SharedState {
  return {
    flows: new MemoryFlowStore(),
    requests: new MemoryRequestStore(),
    counters: new MemoryCounters(),
    inFlight: new MemoryInFlightStore(),
    appSettings: new MemoryAppSettingsStore(),
    conversations: new MemoryConversationDirectory(),
    audit: new MemoryAuditLog({ logger: options.logger, retentionDays: options.auditRetentionDays }),
  };
}
