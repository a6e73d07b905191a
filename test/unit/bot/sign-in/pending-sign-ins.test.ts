import { strict as assert } from 'node:assert';
import { MemoryStorage } from 'botbuilder';
import { StoragePendingSignInStore, type PendingSignIn } from '../../../../src/bot/sign-in/pending-sign-ins';
import type { PendingCommand } from '../../../../src/bot/sign-in/pending-command';

const ORIGIN = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.example.test/teams/',
  conversation: { id: 'a:personal', conversationType: 'personal' },
  bot: { id: '28:bot' },
};

function pending(createdAt: string, command: PendingCommand = { kind: 'resetFor', query: 'alice' }): PendingSignIn {
  return { command, locale: 'en', agentAccountId: '29:agent', origin: ORIGIN, originIsPersonal: true, createdAt };
}

describe('StoragePendingSignInStore', () => {
  const now = new Date('2026-11-25T08:10:00.000Z');

  it('when a pending request is taken, then it comes back once and never again', async () => {
    const store = new StoragePendingSignInStore(new MemoryStorage(), 15 * 60_000, () => now);
    await store.save('t', 'oid', pending('2026-11-25T08:05:00.000Z'));
    assert.deepEqual(await store.take('t', 'oid'), pending('2026-11-25T08:05:00.000Z'));
    assert.equal(await store.take('t', 'oid'), undefined);
  });

  it('when two takes race, then only one gets the request', async () => {
    const store = new StoragePendingSignInStore(new MemoryStorage(), 15 * 60_000, () => now);
    await store.save('t', 'oid', pending('2026-11-25T08:05:00.000Z'));
    const results = await Promise.all([store.take('t', 'oid'), store.take('t', 'oid')]);
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('when the request is older than the limit, then it is not run', async () => {
    const store = new StoragePendingSignInStore(new MemoryStorage(), 15 * 60_000, () => now);
    await store.save('t', 'oid', pending('2026-11-25T07:00:00.000Z'));
    assert.equal(await store.take('t', 'oid'), undefined);
  });

  it('when another agent signs in, then they do not get this agent’s request', async () => {
    const store = new StoragePendingSignInStore(new MemoryStorage(), 15 * 60_000, () => now);
    await store.save('t', 'oid', pending('2026-11-25T08:05:00.000Z'));
    assert.equal(await store.take('t', 'someone-else'), undefined);
  });

  it('stores no token, only the command and where to answer; a reset also as the older `query`', async () => {
    const storage = new MemoryStorage();
    const store = new StoragePendingSignInStore(storage, 15 * 60_000, () => now);
    await store.save('t', 'oid', pending('2026-11-25T08:05:00.000Z'));
    const items = await storage.read(['pendingSignIn-t-oid']);
    assert.deepEqual(Object.keys((items['pendingSignIn-t-oid'] as { pending: object }).pending).sort(), [
      'agentAccountId', 'command', 'createdAt', 'locale', 'origin', 'originIsPersonal', 'query',
    ]);
  });

  const commands: PendingCommand[] = [
    { kind: 'resetFor', query: 'alice' },
    { kind: 'history', query: 'alice smith' },
    { kind: 'history' },
    { kind: 'showPasscode', query: 'alice smith', reason: 'locked out at the airport' },
    { kind: 'showPasscode', query: 'alice smith' },
    { kind: 'setupCheck' },
    { kind: 'useThisChannel' },
  ];
  for (const command of commands) {
    it(`when \`${JSON.stringify(command)}\` waits, then the same command comes back, with no field named after a secret`, async () => {
      const storage = new MemoryStorage();
      const store = new StoragePendingSignInStore(storage, 15 * 60_000, () => now);
      await store.save('t', 'oid', pending('2026-11-25T08:05:00.000Z', command));
      const stored = JSON.stringify(await storage.read(['pendingSignIn-t-oid']));
      assert.doesNotMatch(stored, /"[^"]*(?:passcode|token|secret)[^"]*":/i);
      assert.deepEqual(await store.take('t', 'oid'), pending('2026-11-25T08:05:00.000Z', command));
    });
  }

  it('when an item stored before commands were kept holds a reset’s `query`, then it still runs as that reset', async () => {
    const storage = new MemoryStorage();
    const store = new StoragePendingSignInStore(storage, 15 * 60_000, () => now);
    const older = { query: 'alice', locale: 'en', agentAccountId: '29:agent', origin: ORIGIN, originIsPersonal: true, createdAt: '2026-11-25T08:05:00.000Z' };
    await storage.write({ 'pendingSignIn-t-oid': { pending: older, eTag: '*' } });
    assert.deepEqual(await store.take('t', 'oid'), pending('2026-11-25T08:05:00.000Z'));
  });

  it('when the stored command is of a kind this release does not know, then nothing runs', async () => {
    const storage = new MemoryStorage();
    const store = new StoragePendingSignInStore(storage, 15 * 60_000, () => now);
    const unknown = { ...pending('2026-11-25T08:05:00.000Z'), command: { kind: 'somethingNew' } };
    await storage.write({ 'pendingSignIn-t-oid': { pending: unknown, eTag: '*' } });
    assert.equal(await store.take('t', 'oid'), undefined);
  });
});
