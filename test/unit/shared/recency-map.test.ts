import { strict as assert } from 'node:assert';
import { dropOldest, putNewest } from '../../../src/shared/recency-map';

describe('recency map', () => {
  it('a rewritten key becomes the newest', () => {
    const map = new Map([['a', 1], ['b', 2]]);
    putNewest(map, 'a', 3);
    assert.deepEqual([...map], [['b', 2], ['a', 3]]);
  });

  it('drops the oldest entries beyond the bound', () => {
    const map = new Map([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    dropOldest(map, 2);
    assert.deepEqual([...map.keys()], ['c', 'd']);
  });

  it('drops stale entries from the front and stops at the first fresh one', () => {
    const map = new Map([['a', 1], ['b', 9], ['c', 1]]);
    dropOldest(map, 10, (value) => value < 5);
    assert.deepEqual([...map.keys()], ['b', 'c'], 'a stale entry behind a fresh one is left for a later sweep');
  });

  it('within the bound and fresh, nothing is dropped', () => {
    const map = new Map([['a', 9]]);
    dropOldest(map, 1, (value) => value < 5);
    assert.deepEqual([...map.keys()], ['a']);
  });
});
