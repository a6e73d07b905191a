import { strict as assert } from 'node:assert';
import { PerUserKeys } from '../../../../src/server/sign-in/per-user-keys';

describe('Keys held per user in a shared map', () => {
  it('when a user adds one more than the cap, then their oldest is returned for removal, and nobody else\'s', () => {
    const held = new Set<string>();
    const keys = new PerUserKeys(2, 100);
    const add = (user: string, key: string): string[] => {
      const beyond = keys.add(user, key, (k) => held.has(k));
      beyond.forEach((k) => held.delete(k));
      held.add(key);
      return beyond;
    };
    add('other', 'o1');
    assert.deepEqual([add('flooder', 'f1'), add('flooder', 'f2'), add('flooder', 'f3'), add('flooder', 'f4')], [[], [], ['f1'], ['f2']]);
    assert.deepEqual([...held].sort(), ['f3', 'f4', 'o1']);
  });

  it('a key the map no longer holds (taken or expired) does not count against its user', () => {
    const held = new Set(['a1', 'a2']);
    const keys = new PerUserKeys(2, 100);
    keys.add('agent', 'a1', (k) => held.has(k));
    keys.add('agent', 'a2', (k) => held.has(k));
    held.delete('a1');
    assert.deepEqual(keys.add('agent', 'a3', (k) => held.has(k)), []);
  });

  it('when many users come and go, then those with nothing held any more are forgotten', () => {
    const keys = new PerUserKeys(3, 10);
    for (let i = 0; i < 1000; i++) keys.add(`user-${i}`, `key-${i}`, () => false);
    assert.ok(keys.users <= 10, `${keys.users} users remembered`);
  });
});
