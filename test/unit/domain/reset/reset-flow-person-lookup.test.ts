import assert from 'node:assert/strict';
import { MemoryFlowStore } from '../../../../src/adapters/storage/memory-flow-store';
import type { ManagedDevice } from '../../../../src/domain/model';
import { DefaultResetFlowService } from '../../../../src/domain/reset/reset-flow-service';
import type { PeopleFound, PersonLookup } from '../../../../src/ports/person-lookup';
import { AGENT, FakeClock, FakeDirectory, FakeIntune, memoryLogger, user, windows10Mobile, windowsPc } from '../../../fakes';

const HELPDESK = 'group-helpdesk';
const alice = user({ id: 'user-alice', displayName: 'Alice Smith' });
const alicePhone = windows10Mobile({ id: 'dev-alice-phone', userId: alice.id });
const alicePc = windowsPc({ id: 'dev-alice-pc', userId: alice.id });

/** A lookup that answers what it was given and records the queries. */
function lookup(answer: PeopleFound): PersonLookup & { queries: string[] } {
  const queries: string[] = [];
  return { queries, findPeople: async (query) => (queries.push(query), answer) };
}

function setup(people: PersonLookup) {
  const clock = new FakeClock();
  const intune = new FakeIntune(clock);
  intune.addDevice(alice.id, alicePhone).addDevice(alice.id, alicePc);
  const directory = new FakeDirectory({ users: [alice], groups: { [HELPDESK]: [AGENT.oid] } });
  const service = new DefaultResetFlowService({
    directory,
    intune,
    people,
    flows: new MemoryFlowStore(),
    clock,
    logger: memoryLogger(),
    helpdeskGroupId: HELPDESK,
  });
  const start = (query: string) => service.start({ agent: AGENT, locale: 'en', query, origin: { conversationId: 'c' }, originIsPersonal: true });
  return { intune, directory, start };
}

describe('reset flow with a person lookup', () => {
  it('uses the devices that came with the person and lists nothing again', async () => {
    const people = lookup({ users: [alice], devicesOfOnlyUser: [alicePhone, alicePc] });
    const { intune, directory, start } = setup(people);

    const flow = await start('alice@contoso.com');

    assert.deepEqual(people.queries, ['alice@contoso.com']);
    assert.equal(directory.findUsersCalls.length, 0);
    assert.equal(intune.calls.length, 0);
    assert.equal(flow.state, 'confirming');
    assert.equal(flow.device?.id, alicePhone.id);
    assert.deepEqual(flow.devices?.map((o) => [o.device.id, o.verdict.eligible]), [[alicePhone.id, true], [alicePc.id, false]]);
  });

  it("still keeps only the person's own devices out of what came back", async () => {
    const strangers: ManagedDevice = windows10Mobile({ id: 'dev-someone-else', userId: 'user-other' });
    const { start } = setup(lookup({ users: [alice], devicesOfOnlyUser: [strangers, alicePc] }));
    const flow = await start('alice@contoso.com');
    assert.equal(flow.state, 'noEligibleDevice');
    assert.deepEqual(flow.devices?.map((o) => o.device.id), [alicePc.id]);
  });

  it('without devices in the answer, lists them from Intune as the agent', async () => {
    const { intune, start } = setup(lookup({ users: [alice] }));
    const flow = await start('alice');
    assert.equal(flow.device?.id, alicePhone.id);
    assert.deepEqual(intune.calls.map((c) => [c.method, c.asOid]), [['listUserDevices', AGENT.oid]]);
  });
});
