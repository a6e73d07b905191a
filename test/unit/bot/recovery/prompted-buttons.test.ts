import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { PrivateDelivery } from '../../../../src/adapters/teams/private-delivery';
import { BackgroundTasks } from '../../../../src/bot/background-tasks';
import { RecoveryDelivery, type RecoveryDeliveryDeps } from '../../../../src/bot/recovery/recovery-delivery';
import type { InFlightReset } from '../../../../src/ports/in-flight-store';
import { MemoryLogger } from '../../../fakes';
import { APPROVER_ACCOUNT, APPROVER_PERSONAL, personalReference } from '../approvals/support/harness';
import { ISSUED } from '../approvals/support/requests';

function entry(id: string): InFlightReset {
  return {
    id,
    kind: 'agentFlow',
    tenantId: 'tenant-1',
    deviceId: 'device-1',
    deviceName: 'ALICE-LUMIA',
    agent: { oid: 'approver-oid', name: 'Hana' },
    postedAt: '2026-11-25T08:59:00.000Z',
    agentConversation: personalReference(APPROVER_PERSONAL.id, APPROVER_ACCOUNT),
    locale: 'en',
  };
}

/** Recovery delivery whose private messages are counted per reset id. */
function harness(promptedLimit?: number) {
  const sent = sinon.stub<Parameters<PrivateDelivery['send']>, ReturnType<PrivateDelivery['send']>>().resolves({ delivered: true } as Awaited<ReturnType<PrivateDelivery['send']>>);
  const logger = new MemoryLogger();
  const deps = {
    privateDelivery: { send: sent } as unknown as PrivateDelivery,
    flowCards: { finish: () => Promise.resolve() },
    background: new BackgroundTasks(logger),
    tenantId: 'tenant-1',
    logger,
    promptedLimit,
  } as unknown as RecoveryDeliveryDeps;
  return { delivery: new RecoveryDelivery(deps), sent };
}

describe('Get passcode buttons remembered by recovery', () => {
  it('when a reset waits for a sign-in, then its button is posted once, and forgotten once the passcode is delivered', async () => {
    const { delivery, sent } = harness();
    await delivery.handle({ kind: 'needsSignIn', entry: entry('flow-1') });
    await delivery.handle({ kind: 'needsSignIn', entry: entry('flow-1') });
    assert.equal(sent.callCount, 1);
    assert.equal(delivery.promptedCount, 1);

    await delivery.handle({ kind: 'deliver', entry: entry('flow-1'), issued: ISSUED });
    assert.equal(sent.callCount, 2);
    assert.equal(delivery.promptedCount, 0);
  });

  it('when more resets waited than it remembers, then it keeps the newest and the oldest may get its button again', async () => {
    const { delivery, sent } = harness(2);
    for (const id of ['flow-1', 'flow-2', 'flow-3']) await delivery.handle({ kind: 'needsSignIn', entry: entry(id) });
    assert.equal(delivery.promptedCount, 2);

    await delivery.handle({ kind: 'needsSignIn', entry: entry('flow-3') });
    assert.equal(sent.callCount, 3, 'the newest is still remembered');
    await delivery.handle({ kind: 'needsSignIn', entry: entry('flow-1') });
    assert.equal(sent.callCount, 4, 'the oldest was forgotten');
  });
});
