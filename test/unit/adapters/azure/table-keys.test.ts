import assert from 'node:assert/strict';
import { ascendingTime, byKey, descendingTime, keyPart, prefixRange } from '../../../../src/adapters/azure/table-keys';

describe('table keys', () => {
  it('keeps ids readable and makes forbidden characters safe, keeping distinct ids distinct', () => {
    assert.equal(keyPart('2b5d0c1e-aa01-4c3b-9f00-0123456789ab'), '2b5d0c1e-aa01-4c3b-9f00-0123456789ab');
    const tricky = ['a/b', 'a\\b', 'a#b', 'a?b', 'a_b', 'a~5Fb', "o'brien", 'ü', 'a\tb'];
    const keys = tricky.map(keyPart);
    for (const key of keys) assert.match(key, /^[A-Za-z0-9.~-]+$/);
    assert.equal(new Set(keys).size, tricky.length);
  });

  it('the separator `_` never appears inside an encoded part, so prefixes cannot overlap', () => {
    assert.ok(!keyPart('user_1').includes('_'));
    const { from, to } = prefixRange(`by_${keyPart('a')}_`);
    const other = `by_${keyPart('a_b')}_0001_x`;
    assert.ok(!(other >= from && other < to));
  });

  it('newest-first keys sort newer times first; oldest-first keys the other way', () => {
    const early = '2026-11-25T08:00:00.000Z';
    const late = '2026-11-25T09:00:00.000Z';
    assert.ok(descendingTime(late) < descendingTime(early));
    assert.ok(ascendingTime(early) < ascendingTime(late));
    assert.equal(descendingTime(early).length, 13);
    assert.throws(() => descendingTime('not a time'));
  });

  it('orders ids as their keys are ordered', () => {
    assert.ok(byKey('a', 'b') < 0);
    assert.equal(byKey('x', 'x'), 0);
  });
});
