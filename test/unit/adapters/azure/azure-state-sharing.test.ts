import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableServiceClient, TableClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { createAzureState, SecretInStorageError, type AzureState } from '../../../../src/adapters/azure';
import { aResetFlow, MemoryLogger } from '../../../fakes';
import { startAzurite, useAzurite } from '../../../support/azurite';
import { aRequest, anAuditRecord, anInFlight, minute } from '../memory/state-builders';
import { freshNamespace } from './namespaces';

function open(connectionString: string, namespace: string, logger = new MemoryLogger()): AzureState {
  return createAzureState({ connectionString, namespace, logger });
}

describe('Azure state shared by several instances', function () {
  this.timeout(60_000);
  const storage = useAzurite();

  it('two instances starting together both create the tables and containers without error', async () => {
    const namespace = freshNamespace();
    const [a, b] = [open(storage.connectionString, namespace), open(storage.connectionString, namespace)];
    await Promise.all([a.ensureCreated(), b.ensureCreated(), a.ensureCreated()]);
    await b.ensureCreated();
  });

  it("two instances on one account see each other's writes, and their races have one winner", async () => {
    const namespace = freshNamespace();
    const a = open(storage.connectionString, namespace);
    const b = open(storage.connectionString, namespace);
    await a.ensureCreated();

    await a.requests.create(aRequest());
    assert.equal((await b.requests.get('req-1'))?.justification, aRequest().justification);
    const approvals = await Promise.all([
      a.requests.replace(aRequest({ revision: 2, state: 'resetting', decidedBy: { oid: 'agent-1', name: 'Hana' } }), 1),
      b.requests.replace(aRequest({ revision: 2, state: 'resetting', decidedBy: { oid: 'agent-2', name: 'Ken' } }), 1),
    ]);
    assert.equal(approvals.filter(Boolean).length, 1);

    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).requests.claimDevice('device-9', `req-${i}`)));
    assert.equal(claims.filter(Boolean).length, 1);

    const counts = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).counters.incrementIfBelow('agent:x', 'w', 7)));
    assert.equal(counts.filter((c) => c.allowed).length, 7);

    await b.inFlight.add(anInFlight());
    const deliveries = await Promise.all([a.inFlight.markDelivered('flow-1', minute(1)), b.inFlight.markDelivered('flow-1', minute(1))]);
    assert.equal(deliveries.filter(Boolean).length, 1);

    await a.audit.append(anAuditRecord());
    assert.deepEqual((await b.audit.forUser('user-alice', 5)).map((r) => r.id), ['audit-1']);
    await assert.rejects(b.audit.append(anAuditRecord()), /already exists/);

    await a.conversations.remember('agent-1', { conversation: { id: 'a:1' } }, true);
    assert.deepEqual((await b.conversations.helpdeskMembers(5)).map((m) => m.oid), ['agent-1']);

    const flow = aResetFlow();
    await a.flows.create(flow);
    assert.deepEqual(await b.flows.get(flow.id), flow);
  });

  it('a namespace sees nothing of another namespace on the same account', async () => {
    const a = open(storage.connectionString, freshNamespace());
    const b = open(storage.connectionString, freshNamespace());
    await Promise.all([a.ensureCreated(), b.ensureCreated()]);
    await a.requests.create(aRequest());
    assert.equal(await b.requests.get('req-1'), undefined);
  });

  it('a request larger than one table property reads back whole', async () => {
    const state = open(storage.connectionString, freshNamespace());
    await state.ensureCreated();
    const cards = Array.from({ length: 400 }, (_, i) => ({ activityId: `activity-${i}-${'😀'.repeat(i % 7)}`, conversation: { id: `19:${'x'.repeat(120)}@thread.tacv2` } }));
    const big = aRequest({ approvalCards: cards });
    assert.ok(JSON.stringify(big).length > 60_000);
    await state.requests.create(big);
    assert.deepEqual(await state.requests.get('req-1'), big);
    assert.deepEqual((await state.requests.listOpen(1))[0], big);
  });

  it('dialog state goes to blobs in the namespace\'s state container', async () => {
    const namespace = freshNamespace();
    const state = open(storage.connectionString, namespace);
    await state.ensureCreated();
    await state.botStorage.write({ 'msteams/conversations/a:1': { step: 'chooseDevice' } });
    const read = await open(storage.connectionString, namespace).botStorage.read(['msteams/conversations/a:1']);
    assert.equal(read['msteams/conversations/a:1']?.step, 'chooseDevice');
    const names = [];
    for await (const blob of BlobServiceClient.fromConnectionString(storage.connectionString).getContainerClient(`${namespace}-state`).listBlobsFlat()) names.push(blob.name);
    assert.equal(names.length, 1);
  });

  it('refuses to store anything carrying a token, and stores nothing', async () => {
    const state = open(storage.connectionString, freshNamespace());
    await state.ensureCreated();
    const leaky = aResetFlow({ origin: { conversation: { id: 'a:1' }, value: { token: 'x' } } });
    await assert.rejects(state.flows.create(leaky), SecretInStorageError);
    assert.equal(await state.flows.get(leaky.id), undefined);
    const jwtLike = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
    await assert.rejects(state.requests.create(aRequest({ requesterConversation: { note: jwtLike } })), (error: Error) => {
      assert.ok(error instanceof SecretInStorageError);
      assert.ok(!error.message.includes(jwtLike), 'the message never repeats the value');
      return true;
    });
    assert.equal(await state.requests.get('req-1'), undefined);
  });

  it('nothing stored anywhere on the account has a field named like a passcode or token', async () => {
    const namespace = freshNamespace();
    const state = open(storage.connectionString, namespace);
    await state.ensureCreated();
    await state.flows.create(aResetFlow());
    await state.requests.create(aRequest());
    await state.requests.replace(aRequest({ revision: 2, state: 'awaitingVerification', decidedBy: { oid: 'agent-1', name: 'Hana' } }), 1);
    await state.requests.claimDevice('device-1', 'req-1');
    await state.counters.incrementIfBelow('agent:agent-1', '2026-11-25T08', 20);
    await state.inFlight.add(anInFlight());
    await state.appSettings.setApprovalChannel({ reference: { conversation: { id: '19:c' } }, setBy: { oid: 'admin', name: 'Ada' }, setAt: minute(0) });
    await state.conversations.remember('agent-1', { conversation: { id: 'a:1' } }, true);
    await state.audit.append(anAuditRecord({ kind: 'passcode.viewed', reason: 'agent on leave' }));
    await state.botStorage.write({ 'dialog-state': { dialogStack: [{ id: 'main', state: { step: 1 } }] } });

    const found = await everythingStored(storage.connectionString);
    assert.ok(found.entities > 10 && found.blobs >= 2, `saw ${found.entities} entities and ${found.blobs} blobs`);
    const secretNames = found.fieldNames.filter((name) => /passcode|token|password|secret/i.test(name));
    assert.deepEqual(secretNames, []);
    assert.ok(!/eyJ[\w-]{4,}\.[\w-]{4,}\./.test(found.text), 'no JWT-shaped value');
  });
});

describe('Azure state across an Azurite restart', function () {
  this.timeout(60_000);

  it('data kept on disk survives a restart; in memory it does not', async () => {
    const location = await mkdtemp(path.join(tmpdir(), 'passcodedesk-azurite-'));
    const onDisk = await startAzurite({ location });
    const inMemory = await startAzurite();
    try {
      for (const azurite of [onDisk, inMemory]) {
        const state = open(azurite.connectionString, 'restarts');
        await state.ensureCreated();
        await state.requests.create(aRequest());
        await state.inFlight.add(anInFlight());
        await state.flows.create(aResetFlow({ id: 'flow-9' }));
        await azurite.restart();
      }
      const kept = open(onDisk.connectionString, 'restarts');
      assert.equal((await kept.requests.listOpen(5)).length, 1);
      assert.equal((await kept.inFlight.listPending(5))[0]?.id, 'flow-1');
      assert.equal((await kept.flows.get('flow-9'))?.id, 'flow-9');
      const lost = open(inMemory.connectionString, 'restarts');
      await lost.ensureCreated();
      assert.equal(await lost.requests.get('req-1'), undefined);
    } finally {
      await onDisk.stop();
      await inMemory.stop();
      await rm(location, { recursive: true, force: true });
    }
  });
});

/** Every table entity and blob on the account: property names, JSON keys inside, and all text. */
async function everythingStored(connectionString: string): Promise<{ fieldNames: string[]; text: string; entities: number; blobs: number }> {
  const names = new Set<string>();
  let text = '';
  let entities = 0;
  let blobs = 0;
  const collectKeys = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collectKeys);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        names.add(key);
        collectKeys(child);
      }
    }
  };
  const parsed = (raw: string): unknown => {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  };
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  for await (const table of service.listTables()) {
    const client = TableClient.fromConnectionString(connectionString, table.name!, { allowInsecureConnection: true });
    for await (const entity of client.listEntities<Record<string, unknown>>()) {
      entities += 1;
      for (const [key, value] of Object.entries(entity)) {
        names.add(key);
        if (typeof value === 'string') {
          text += value;
          if (key.startsWith('body')) collectKeys(parsed(value));
        }
      }
    }
  }
  const blobService = BlobServiceClient.fromConnectionString(connectionString);
  for await (const container of blobService.listContainers()) {
    const client = blobService.getContainerClient(container.name);
    for await (const blob of client.listBlobsFlat()) {
      blobs += 1;
      const body = (await client.getBlobClient(blob.name).downloadToBuffer()).toString('utf8');
      text += body;
      collectKeys(parsed(body));
    }
  }
  return { fieldNames: [...names], text, entities, blobs };
}
