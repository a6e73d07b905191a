import assert from 'node:assert/strict';
import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log';
import type { AuditRecord } from '../../../../src/domain/audit/audit-record';
import type { Actor } from '../../../../src/domain/model';
import { HistoryService } from '../../../../src/domain/history/history-service';
import { AGENT, FakeDirectory, user } from '../../../fakes';
import { rejection } from '../../../support/app-error';

const HELPDESK = 'group-helpdesk';
const OUTSIDER: Actor = { oid: 'employee-oid-9', name: 'Eve Employee', tenantId: 'tenant-1' };
const alice = user({ id: 'user-alice', displayName: 'Alice Smith' });
const bob = user({ id: 'user-bob', displayName: 'Bob Jones' });
const samLee = user({ id: 'user-sam-lee', displayName: 'Sam Lee' });
const samPark = user({ id: 'user-sam-park', displayName: 'Sam Park' });

function record(n: number, target: string | undefined, overrides: Partial<AuditRecord> = {}): AuditRecord {
  const base: AuditRecord = {
    id: `rec-${String(n).padStart(3, '0')}`,
    at: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
    kind: 'reset.succeeded',
    actor: { oid: AGENT.oid, name: AGENT.name },
    device: { id: `dev-${n}`, name: 'LUMIA' },
    outcome: 'done',
    ...overrides,
  };
  if (target) base.targetUser = { oid: target };
  return base;
}

async function setup() {
  const directory = new FakeDirectory({ users: [alice, bob, samLee, samPark], groups: { [HELPDESK]: [AGENT.oid] } });
  const audit = new MemoryAuditLog();
  for (let i = 0; i < 30; i++) await audit.append(record(i, alice.id));
  for (let i = 30; i < 35; i++) await audit.append(record(i, bob.id));
  // A request Bob filed: he is the one on whose behalf it runs.
  await audit.append(record(40, undefined, { kind: 'request.created', onBehalfOf: { oid: bob.id } }));
  return { directory, audit, service: new HistoryService({ directory, audit, helpdeskGroupId: HELPDESK }) };
}

describe('audit history', () => {
  it('history alice: the last 20 records about her, newest first', async () => {
    const { service } = await setup();

    const result = await service.history(AGENT, 'alice');

    assert.equal(result.kind, 'user');
    if (result.kind !== 'user') return;
    assert.equal(result.user.id, alice.id);
    assert.equal(result.records.length, 20);
    assert.equal(result.records[0]?.id, 'rec-029');
    assert.equal(result.records[19]?.id, 'rec-010');
    assert.ok(result.records.every((r) => r.targetUser?.oid === alice.id));
  });

  it('records where the person is the requester count as theirs', async () => {
    const { service } = await setup();
    const result = await service.history(AGENT, 'bob');
    assert.deepEqual(result.kind === 'user' ? result.records.map((r) => r.id) : [], ['rec-040', 'rec-034', 'rec-033', 'rec-032', 'rec-031', 'rec-030']);
  });

  it('history alone: the most recent records across the tenant', async () => {
    const { service } = await setup();
    const result = await service.history(AGENT);
    assert.equal(result.kind, 'tenant');
    assert.deepEqual(result.kind === 'tenant' ? result.records.slice(0, 3).map((r) => r.id) : [], ['rec-040', 'rec-034', 'rec-033']);
    assert.equal(result.kind === 'tenant' ? result.records.length : 0, 20);
  });

  it('an ambiguous name offers the candidates; the choice is checked against the same search', async () => {
    const { service } = await setup();

    const result = await service.history(AGENT, 'sam');

    assert.deepEqual(result.kind === 'chooseUser' ? result.candidates.map((u) => u.id) : [], [samLee.id, samPark.id]);
    const chosen = await service.chooseUser(AGENT, 'sam', samPark.id);
    assert.deepEqual(chosen.kind === 'user' ? [chosen.user.id, chosen.records.length] : [], [samPark.id, 0]);
    assert.equal((await rejection(service.chooseUser(AGENT, 'sam', alice.id))).code, 'input.invalid');
  });

  it('no one matching is said plainly', async () => {
    const { service } = await setup();
    assert.deepEqual(await service.history(AGENT, 'zed'), { kind: 'noUser', query: 'zed' });
  });

  it('only helpdesk members may read it; the directory is not searched for others', async () => {
    const { service, directory } = await setup();
    assert.equal((await rejection(service.history(OUTSIDER, 'alice'))).code, 'access.notHelpdesk');
    assert.equal((await rejection(service.history(OUTSIDER))).code, 'access.notHelpdesk');
    assert.equal(directory.findUsersCalls.length, 0);
  });
});
