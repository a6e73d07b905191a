import assert from 'node:assert/strict';
import { MemoryFlowStore } from '../../../../src/adapters/storage/memory-flow-store';
import type { AppError } from '../../../../src/domain/errors';
import { DefaultResetFlowService } from '../../../../src/domain/reset/reset-flow-service';
import type { ResetFlow } from '../../../../src/domain/reset/reset-flow';
import { AGENT, FakeClock, FakeDirectory, FakeIntune, aResetFlow, memoryLogger } from '../../../fakes';

describe('memory flow store', () => {
  it('gives back what was created', async () => {
    const store = new MemoryFlowStore();
    const flow = aResetFlow();
    await store.create(flow);
    assert.deepEqual(await store.get(flow.id), flow);
    assert.equal(await store.get('other'), undefined);
  });

  it('refuses to create a flow whose id exists', async () => {
    const store = new MemoryFlowStore();
    await store.create(aResetFlow());
    await assert.rejects(store.create(aResetFlow({ state: 'choosingUser' })));
    assert.equal((await store.get('flow-1'))?.state, 'confirming');
  });

  it('keeps its own copies: changing a flow given or read does not change the stored one', async () => {
    const store = new MemoryFlowStore();
    const flow = aResetFlow();
    await store.create(flow);
    flow.state = 'done';
    flow.device!.deviceName = 'changed';
    const read = await store.get(flow.id);
    read!.agent.oid = 'someone-else';

    const again = await store.get(flow.id);
    assert.equal(again?.state, 'confirming');
    assert.equal(again?.device?.deviceName, 'LUMIA-950');
    assert.equal(again?.agent.oid, AGENT.oid);
  });

  it('replaces only at the expected revision', async () => {
    const store = new MemoryFlowStore();
    await store.create(aResetFlow({ revision: 3 }));

    assert.equal(await store.replace(aResetFlow({ revision: 4, state: 'cancelled' }), 2), false);
    assert.equal((await store.get('flow-1'))?.state, 'confirming');

    assert.equal(await store.replace(aResetFlow({ revision: 4, state: 'cancelled' }), 3), true);
    assert.equal((await store.get('flow-1'))?.state, 'cancelled');

    assert.equal(await store.replace(aResetFlow({ revision: 5, state: 'resetting' }), 3), false);
  });

  it('does not replace a flow that was never created', async () => {
    const store = new MemoryFlowStore();
    assert.equal(await store.replace(aResetFlow(), 1), false);
    assert.equal(store.size, 0);
  });

  it('two concurrent confirm() calls: exactly one succeeds', async () => {
    const clock = new FakeClock();
    const store = new MemoryFlowStore();
    const service = new DefaultResetFlowService({
      directory: new FakeDirectory({ groups: { helpdesk: [AGENT.oid] } }),
      intune: new FakeIntune(clock),
      flows: store,
      clock,
      logger: memoryLogger(),
      helpdeskGroupId: 'helpdesk',
    });
    const flow = aResetFlow({ revision: 5 });
    await store.create(flow);
    const click = { flowId: flow.id, revision: 5, actorOid: AGENT.oid };

    const outcomes = await Promise.allSettled([service.confirm(click), service.confirm(click), service.confirm(click)]);

    const won = outcomes.filter((o): o is PromiseFulfilledResult<ResetFlow> => o.status === 'fulfilled');
    assert.equal(won.length, 1);
    assert.equal(won[0]!.value.state, 'resetting');
    for (const lost of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      assert.equal((lost.reason as AppError).code, 'flow.stale');
    }
    const stored = await store.get(flow.id);
    assert.equal(stored?.state, 'resetting');
    assert.equal(stored?.revision, 6);
  });
});
