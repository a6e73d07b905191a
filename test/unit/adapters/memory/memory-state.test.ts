import { MemoryAppSettingsStore, MemoryAuditLog, MemoryConversationDirectory, MemoryCounters, MemoryFlowStore, MemoryInFlightStore, MemoryRequestStore } from '../../../../src/adapters/memory';
import { MemoryLogger } from '../../../fakes';
import { stateContract } from './state-contract';

describe('memory state (the fakes unit tests use)', () => {
  stateContract(async () => {
    const logger = new MemoryLogger();
    return {
      flows: new MemoryFlowStore(),
      requests: new MemoryRequestStore(),
      counters: new MemoryCounters(),
      inFlight: new MemoryInFlightStore(),
      appSettings: new MemoryAppSettingsStore(),
      conversations: new MemoryConversationDirectory(),
      audit: new MemoryAuditLog({ logger, retentionDays: 365 }),
      logger,
    };
  });
});
