import { strict as assert } from 'node:assert';
import { ExchangeDedupe } from '../../../../src/bot/sign-in/exchange-dedupe';

describe('ExchangeDedupe', () => {
  it('when the same id is offered twice, then only the first counts', () => {
    const dedupe = new ExchangeDedupe();
    assert.equal(dedupe.firstTime('a'), true);
    assert.equal(dedupe.firstTime('a'), false);
    assert.equal(dedupe.firstTime('b'), true);
  });

  it('when the TTL has passed, then the id is new again', () => {
    let now = 0;
    const dedupe = new ExchangeDedupe(1000, () => now);
    assert.equal(dedupe.firstTime('a'), true);
    now = 1001;
    assert.equal(dedupe.firstTime('a'), true);
  });

  it('when an id is released after a failed exchange, then a retry is handled', () => {
    const dedupe = new ExchangeDedupe();
    dedupe.firstTime('a');
    dedupe.release('a');
    assert.equal(dedupe.firstTime('a'), true);
  });

  it('when ids keep coming, then the oldest beyond the cap is forgotten and newer ones are still recognised', () => {
    const dedupe = new ExchangeDedupe(60_000, () => 0, 3);
    for (const id of ['a', 'b', 'c', 'd']) assert.equal(dedupe.firstTime(id), true);
    assert.equal(dedupe.firstTime('a'), true);
    assert.equal(dedupe.firstTime('c'), false);
    assert.equal(dedupe.firstTime('d'), false);
  });

  it('when older ids have expired, then they are forgotten while newer ones are still recognised', () => {
    let now = 0;
    const dedupe = new ExchangeDedupe(1000, () => now);
    dedupe.firstTime('old');
    now = 600;
    dedupe.firstTime('new');
    now = 1100;
    assert.equal(dedupe.firstTime('new'), false);
    assert.equal(dedupe.firstTime('old'), true);
  });
});
