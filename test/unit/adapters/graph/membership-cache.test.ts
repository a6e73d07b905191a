import { strict as assert } from 'node:assert';
import { MembershipCachingDirectory } from '../../../../src/adapters/graph/membership-cache';
import type { Directory } from '../../../../src/ports/directory';

function countingDirectory(answer: () => boolean): Directory & { calls: number } {
  const directory = {
    calls: 0,
    findUsers: async () => [],
    isMemberOf: async () => {
      directory.calls += 1;
      return answer();
    },
  };
  return directory;
}

describe('MembershipCachingDirectory', () => {
  const agent = { kind: 'delegated' as const, oid: 'agent-1' };

  it('asks Graph once for repeated questions within the time to live', async () => {
    const inner = countingDirectory(() => true);
    let now = 0;
    const cached = new MembershipCachingDirectory(inner, 60_000, () => now);
    assert.equal(await cached.isMemberOf('g', agent), true);
    now = 59_000;
    assert.equal(await cached.isMemberOf('g', agent), true);
    assert.equal(inner.calls, 1);
  });

  it('asks again once the answer is older than the time to live, so a removal takes effect', async () => {
    let member = true;
    const inner = countingDirectory(() => member);
    let now = 0;
    const cached = new MembershipCachingDirectory(inner, 60_000, () => now);
    await cached.isMemberOf('g', agent);
    member = false;
    now = 60_001;
    assert.equal(await cached.isMemberOf('g', agent), false);
    assert.equal(inner.calls, 2);
  });

  it('keeps answers apart per user and per group', async () => {
    const inner = countingDirectory(() => true);
    const cached = new MembershipCachingDirectory(inner, 60_000, () => 0);
    await cached.isMemberOf('g1', agent);
    await cached.isMemberOf('g2', agent);
    await cached.isMemberOf('g1', { kind: 'delegated', oid: 'agent-2' });
    assert.equal(inner.calls, 3);
  });

  it('with a time to live of 0 always asks', async () => {
    const inner = countingDirectory(() => true);
    const cached = new MembershipCachingDirectory(inner, 0, () => 0);
    await cached.isMemberOf('g', agent);
    await cached.isMemberOf('g', agent);
    assert.equal(inner.calls, 2);
  });

  it('shares one Graph question between askers at the same moment, and its failure too', async () => {
    let release: (member: boolean) => void = () => undefined;
    let calls = 0;
    const inner: Directory = {
      findUsers: async () => [],
      isMemberOf: () => {
        calls += 1;
        return new Promise<boolean>((resolve) => (release = resolve));
      },
    };
    const cached = new MembershipCachingDirectory(inner, 60_000, () => 0);
    const both = Promise.all([cached.isMemberOf('g', agent), cached.isMemberOf('g', agent)]);
    release(true);
    assert.deepEqual(await both, [true, true]);
    assert.equal(calls, 1);

    const failing = new MembershipCachingDirectory({ findUsers: async () => [], isMemberOf: async () => { calls += 1; throw new Error('graph down'); } }, 60_000, () => 0);
    calls = 0;
    const outcomes = await Promise.allSettled([failing.isMemberOf('g', agent), failing.isMemberOf('g', agent)]);
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
    assert.equal(calls, 1);
    // A failure is not remembered: the next question asks again.
    await assert.rejects(failing.isMemberOf('g', agent));
    assert.equal(calls, 2);
  });
});
