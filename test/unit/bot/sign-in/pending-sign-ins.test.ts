import { strict as assert } from 'node:assert';
import { MemoryStorage } from 'botbuilder';
import { StoragePendingSignInStore, type PendingSignIn } from '../../../../src/bot/sign-in/pending-sign-ins';

const ORIGIN = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.example.test/teams/',
  conversation: { id: 'a:personal', conversationType: 'personal' },
  bot: { id: '28:bot' },
};

function pending(createdAt: string): PendingSignIn {
  return { query: 'alice', locale: 'en', agentAccountId: '29:agent', origin: ORIGIN, originIsPersonal: true, createdAt };
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

  it('stores no token, only the command and where to answer', async () => {
    const storage = new MemoryStorage();
    const store = new StoragePendingSignInStore(storage, 15 * 60_000, () => now);
    await store.save('t', 'oid', pending('2026-11-25T08:05:00.000Z'));
    const items = await storage.read(['pendingSignIn-t-oid']);
    assert.deepEqual(Object.keys((items['pendingSignIn-t-oid'] as { pending: object }).pending).sort(), [
      'agentAccountId', 'createdAt', 'locale', 'origin', 'originIsPersonal', 'query',
    ]);
  });
});
