import { createAzureState } from '../../../../src/adapters/azure';
import { MemoryLogger } from '../../../fakes';
import { useAzurite } from '../../../support/azurite';
import { stateContract } from '../memory/state-contract';
import { freshNamespace } from './namespaces';


describe('Azure state on Azurite (same contract as the memory fakes)', function () {
  this.timeout(30_000);
  const storage = useAzurite();

  stateContract(async () => {
    const logger = new MemoryLogger();
    const state = createAzureState({ connectionString: storage.connectionString, namespace: freshNamespace(), logger, auditRetentionDays: 365 });
    await state.ensureCreated();
    return { ...state, logger };
  });
});
