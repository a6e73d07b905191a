import { strict as assert } from 'node:assert';
import { MemoryInFlightStore } from '../../../../src/adapters/memory';
import type { InFlightReset } from '../../../../src/ports/in-flight-store';
import { anInFlight } from './state-builders';

const entry = (id: string): InFlightReset => anInFlight({ id });

describe('MemoryInFlightStore: entries cannot change behind its back', () => {
  it('when the caller changes what it added, then the stored entry stays as added', async () => {
    const store = new MemoryInFlightStore();
    const added = entry('flow-1');
    await store.add(added);
    added.agent.name = 'Mallory';
    (added.agentConversation as { conversation: { id: string } }).conversation.id = 'elsewhere';

    const read = await store.get('flow-1');
    assert.deepEqual({ ...read, etag: undefined }, { ...entry('flow-1'), etag: undefined });
  });

  it('when a reader tries to change an entry it was given, then it is refused and other readers see the entry unchanged', async () => {
    const store = new MemoryInFlightStore();
    await store.add(entry('flow-1'));
    const [pending] = await store.listPending(100);

    assert.throws(() => {
      pending!.deliveredAt = '2026-11-25T09:01:00.000Z';
    }, TypeError);
    assert.throws(() => {
      pending!.agent.oid = 'someone-else';
    }, TypeError);
    assert.equal((await store.get('flow-1'))?.agent.oid, 'agent-1');
    assert.deepEqual((await store.listPending(100)).map((e) => e.id), ['flow-1']);
  });

  it('when an entry is delivered, then readers holding the pending one still see it pending, and the store does not', async () => {
    const store = new MemoryInFlightStore();
    await store.add(entry('flow-1'));
    const before = await store.get('flow-1');
    assert.equal(await store.markDelivered('flow-1', '2026-11-25T09:05:00.000Z'), true);

    assert.equal(before?.deliveredAt, undefined);
    assert.equal((await store.get('flow-1'))?.deliveredAt, '2026-11-25T09:05:00.000Z');
    assert.deepEqual(await store.listPending(100), []);
  });
});
