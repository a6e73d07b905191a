import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import sinon from 'sinon';
import { AlreadyExistsError, createAzureState, SecretInStorageError } from '../../../../src/adapters/azure';
import { isUnreachable } from '../../../../src/adapters/azure/azure-errors';
import { CALL_DEADLINE_MS, OutageTolerantStorage, reportingOutages } from '../../../../src/adapters/azure/storage-outage';
import { aResetFlow, MemoryLogger } from '../../../fakes';
import { rejection } from '../../../support/app-error';
import { startAzurite } from '../../../support/azurite';
import { aRequest } from '../memory/state-builders';

/** An error shaped like the Azure SDKs' RestError. */
function restError(fields: { code?: string; statusCode?: number; name?: string; cause?: unknown }): Error {
  return Object.assign(new Error('storage call failed'), { name: 'RestError', ...fields });
}

describe('Azure Storage outages', () => {
  describe('which failures mean storage cannot be reached', () => {
    const unreachable: Array<[string, unknown]> = [
      ['connection refused', restError({ code: 'ECONNREFUSED' })],
      ['connection reset', restError({ code: 'ECONNRESET' })],
      ['connection timed out', restError({ code: 'ETIMEDOUT' })],
      ['host not found', restError({ code: 'ENOTFOUND' })],
      ['request not sent', restError({ code: 'REQUEST_SEND_ERROR' })],
      ['a try aborted by its timeout', Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })],
      ['503 server busy', restError({ statusCode: 503 })],
      ['500 internal error', restError({ statusCode: 500 })],
      ['504 gateway timeout', restError({ statusCode: 504 })],
      ['refused, wrapped in another error', new Error('wrapped', { cause: restError({ code: 'ECONNREFUSED' }) })],
    ];
    for (const [what, error] of unreachable) {
      it(`${what}: unreachable`, () => assert.equal(isUnreachable(error), true));
    }

    const answered: Array<[string, unknown]> = [
      ['404 not found', restError({ statusCode: 404 })],
      ['409 conflict (a create-if-absent lost)', restError({ statusCode: 409 })],
      ['412 precondition failed (a compare-and-set lost)', restError({ statusCode: 412 })],
      ['403 forbidden (wrong key)', restError({ statusCode: 403 })],
      ['BlobsStorage eTag conflict (no status)', new Error('Storage: error writing "x" due to eTag conflict.')],
      ['an id already taken', new AlreadyExistsError('flow', 'flow-1')],
      ['a secret refused before writing', new SecretInStorageError('$.token')],
      ['not an error at all', 'ECONNREFUSED'],
      ['nothing', undefined],
    ];
    for (const [what, error] of answered) {
      it(`${what}: not an outage`, () => assert.equal(isUnreachable(error), false));
    }
  });

  describe('a store reporting outages', () => {
    afterEach(() => sinon.restore());

    function storeFailingWith(error: unknown) {
      return reportingOutages({
        name: 'requests',
        get: async (id: string): Promise<string> => {
          if (error) throw error;
          return `request ${id}`;
        },
      });
    }

    it('when storage cannot be reached, then the call fails with state.unavailable, keeping the cause for the log', async () => {
      const cause = restError({ code: 'ECONNREFUSED' });
      const error = await rejection(storeFailingWith(cause).get('req-1'));
      assert.equal(error.code, 'state.unavailable');
      assert.equal(error.cause, cause);
    });

    it('when storage answers with a refusal, then the store sees that refusal unchanged', async () => {
      const conflict = new AlreadyExistsError('request', 'req-1');
      await assert.rejects(storeFailingWith(conflict).get('req-1'), (error) => error === conflict);
    });

    it('when the call works, then its result and the store’s other members are as they were', async () => {
      const store = storeFailingWith(undefined);
      assert.equal(await store.get('req-1'), 'request req-1');
      assert.equal(store.name, 'requests');
    });

    it('when storage never answers, then the call fails with state.unavailable at the deadline', async () => {
      const clock = sinon.useFakeTimers();
      const store = reportingOutages({ get: (): Promise<string> => new Promise<string>(() => undefined) });
      const outcome = rejection(store.get());
      await clock.tickAsync(CALL_DEADLINE_MS);
      assert.equal((await outcome).code, 'state.unavailable');
    });
  });

  describe('dialog state storage across an outage', () => {
    /** A Storage that fails its calls while `down`, and counts how many were opened. */
    function flakyStorages() {
      const opened: Storage[] = [];
      const control = { down: true, failure: restError({ code: 'ECONNREFUSED' }) as unknown };
      const open = (): Storage => {
        const items: StoreItems = {};
        const guard = () => {
          if (control.down) throw control.failure;
        };
        const storage: Storage = {
          read: async (keys) => {
            guard();
            return Object.fromEntries(keys.filter((key) => key in items).map((key) => [key, items[key]]));
          },
          write: async (changes) => {
            guard();
            Object.assign(items, changes);
          },
          delete: async (keys) => {
            guard();
            keys.forEach((key) => delete items[key]);
          },
        };
        opened.push(storage);
        return storage;
      };
      return { opened, control, storage: new OutageTolerantStorage(open) };
    }

    it('when storage cannot be reached, then the turn is told state.unavailable, and once it is back a fresh client works', async () => {
      const { opened, control, storage } = flakyStorages();
      assert.equal((await rejection(storage.read(['conversation/1']))).code, 'state.unavailable');
      control.down = false;
      await storage.write({ 'conversation/1': { step: 2 } });
      assert.deepEqual(await storage.read(['conversation/1']), { 'conversation/1': { step: 2 } });
      assert.equal(opened.length, 2, 'a new client after the failed one');
    });

    it('when a write loses an eTag race, then that error is kept and the client too', async () => {
      const { opened, control, storage } = flakyStorages();
      control.failure = new Error('Storage: error writing "conversation/1" due to eTag conflict.');
      await assert.rejects(storage.write({ 'conversation/1': { step: 2 } }), /eTag conflict/);
      assert.equal(opened.length, 1);
    });
  });

  describe('on Azurite, stopped and started again', function () {
    this.timeout(90_000);

    it('every store and the dialog state say state.unavailable while it is down, and work again once it is back', async () => {
      const location = await mkdtemp(path.join(tmpdir(), 'passcodedesk-azurite-'));
      const azurite = await startAzurite({ location });
      try {
        const state = createAzureState({ connectionString: azurite.connectionString, namespace: 'outage', logger: new MemoryLogger() });
        await state.ensureCreated();
        await state.requests.create(aRequest());
        await azurite.stop();

        // Dialog state is read first while storage is down, as on a bot's first turn after a start.
        const calls: Array<[string, () => Promise<unknown>]> = [
          ['dialog state', () => state.botStorage.read(['conversation/1'])],
          ['requests', () => state.requests.get('req-1')],
          ['flows', () => state.flows.create(aResetFlow())],
          ['counters', () => state.counters.incrementIfBelow('agent:x', 'w', 5)],
          ['in-flight resets', () => state.inFlight.listPending(5)],
          ['conversations', () => state.conversations.helpdeskMembers(5)],
        ];
        for (const [what, call] of calls) {
          assert.equal((await rejection(call())).code, 'state.unavailable', what);
        }

        await azurite.restart();
        assert.equal((await state.requests.get('req-1'))?.id, 'req-1', 'the request survived');
        await state.botStorage.write({ 'conversation/1': { step: 2 } });
        assert.equal((await state.botStorage.read(['conversation/1']))['conversation/1']?.step, 2);
        await state.flows.create(aResetFlow());
        assert.equal((await state.flows.get(aResetFlow().id))?.id, aResetFlow().id);
      } finally {
        await azurite.stop();
        await rm(location, { recursive: true, force: true });
      }
    });
  });
});
