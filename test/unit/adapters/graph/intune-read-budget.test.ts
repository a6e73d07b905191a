import { strict as assert } from 'node:assert';
import { BudgetedIntuneGateway, ReadBudget } from '../../../../src/adapters/graph/intune-read-budget';
import { FakeClock, FakeIntune } from '../../../fakes';

describe('Intune read budget', () => {
  it('lets reads through at once while the window has room', async () => {
    const clock = new FakeClock();
    const budget = new ReadBudget(clock, 3, 20_000);
    const start = clock.now().getTime();
    await budget.take();
    await budget.take();
    await budget.take();
    assert.equal(clock.now().getTime(), start, 'nobody waited');
  });

  it('makes the read over the limit wait until the oldest slot leaves the window', async () => {
    const clock = new FakeClock();
    const budget = new ReadBudget(clock, 2, 20_000);
    const start = clock.now().getTime();
    await budget.take();
    await budget.take();
    await budget.take();
    assert.equal(clock.now().getTime() - start, 20_000);
  });

  it('never lets more than the limit through in any window of a long run', async () => {
    const clock = new FakeClock();
    const budget = new ReadBudget(clock, 5, 1_000);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      await budget.take();
      times.push(clock.now().getTime());
    }
    for (const t of times) assert.ok(times.filter((x) => x >= t && x < t + 1_000).length <= 5);
  });

  it('paces the result reads of a gateway but never the reset POST', async () => {
    const clock = new FakeClock();
    const intune = new FakeIntune(clock);
    const gateway = new BudgetedIntuneGateway(intune, new ReadBudget(clock, 1, 10_000));
    const agent = { kind: 'delegated' as const, oid: 'agent' };
    const start = clock.now().getTime();
    await gateway.getResetPasscodeResults('d1', agent).catch(() => undefined);
    await gateway.resetPasscode('d1', agent).catch(() => undefined);
    assert.equal(clock.now().getTime(), start, 'the POST did not wait');
    await gateway.getResetPasscodeResults('d1', agent).catch(() => undefined);
    assert.equal(clock.now().getTime() - start, 10_000, 'the second read waited for the window');
  });
});
