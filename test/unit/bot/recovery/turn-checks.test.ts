import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { BackgroundTasks } from '../../../../src/bot/background-tasks';
import { RecoveryDelivery, type RecoveryPort } from '../../../../src/bot/recovery/recovery-delivery';
import { MemoryLogger } from '../../../fakes';

/** What onAgentTurn never touches: delivery only happens when recovery finds something. */
const UNUSED = {} as never;

describe('pending resets looked at on an agent\'s turns', () => {
  let nowMs: number;
  let recoverForAgent: sinon.SinonStub<Parameters<RecoveryPort['recoverForAgent']>, ReturnType<RecoveryPort['recoverForAgent']>>;
  let background: BackgroundTasks;
  let delivery: RecoveryDelivery;

  beforeEach(() => {
    nowMs = Date.parse('2026-11-25T09:00:00Z');
    recoverForAgent = sinon.stub<Parameters<RecoveryPort['recoverForAgent']>, ReturnType<RecoveryPort['recoverForAgent']>>().resolves([]);
    const recovery: RecoveryPort = { recoverPending: () => Promise.resolve([]), recoverForAgent, recoverOne: () => Promise.resolve(undefined) };
    background = new BackgroundTasks(new MemoryLogger());
    delivery = new RecoveryDelivery({
      recovery,
      approvals: UNUSED,
      execution: UNUSED,
      privateDelivery: UNUSED,
      flowCards: UNUSED,
      session: { trySilentSession: sinon.stub().resolves(false) },
      background,
      tenantId: 'tenant-1',
      logger: new MemoryLogger(),
      now: () => new Date(nowMs),
      turnCheckIntervalMs: 60_000,
    });
  });

  it('when an agent writes several times within the interval, then their resets are looked at once, and again after it', async () => {
    delivery.onAgentTurn('agent-1', undefined);
    nowMs += 30_000;
    delivery.onAgentTurn('agent-1', undefined);
    delivery.onAgentTurn('agent-2', undefined);
    nowMs += 31_000;
    delivery.onAgentTurn('agent-1', undefined);
    delivery.onAgentTurn('agent-2', undefined);
    nowMs += 60_000;
    delivery.onAgentTurn('agent-2', undefined);
    await background.whenIdle();
    assert.deepEqual(recoverForAgent.getCalls().map((call) => call.args[0]), ['agent-1', 'agent-2', 'agent-1', 'agent-2']);
  });
});
