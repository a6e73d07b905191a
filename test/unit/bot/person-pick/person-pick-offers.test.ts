import { strict as assert } from 'node:assert';
import { MemoryStorage } from 'botbuilder';
import { PICK_OFFER_TTL_MS, PersonPickOffers, type NewPersonPickOffer } from '../../../../src/bot/person-pick/person-pick-offers';

const OFFER: NewPersonPickOffer = {
  feature: 'showPasscode',
  agent: { oid: 'agent-oid-1', name: 'Hana Helpdesk' },
  query: 'alice',
  reason: 'she called',
  candidateIds: ['user-alice', 'user-alice-j'],
};

describe('the people a pick card offers', () => {
  let clock: Date;
  let storage: MemoryStorage;
  let offers: PersonPickOffers;
  beforeEach(() => {
    clock = new Date('2026-11-25T09:00:00.000Z');
    storage = new MemoryStorage();
    offers = new PersonPickOffers(storage, { now: () => clock, newId: () => 'offer-1' });
  });

  it('when a card is posted, then a click on it finds who was offered, to whom, for which name and reason', async () => {
    await offers.offer(OFFER);
    assert.deepEqual(await offers.find('offer-1'), { ...OFFER, id: 'offer-1', createdAt: '2026-11-25T09:00:00.000Z' });
  });

  it('when the offer is older than its lifetime, then it is gone', async () => {
    await offers.offer(OFFER);
    clock = new Date(clock.getTime() + PICK_OFFER_TTL_MS - 1);
    assert.ok(await offers.find('offer-1'));
    clock = new Date(clock.getTime() + 1);
    assert.equal(await offers.find('offer-1'), undefined);
  });

  it('when it was used, then it is gone', async () => {
    await offers.offer(OFFER);
    await offers.withdraw('offer-1');
    assert.equal(await offers.find('offer-1'), undefined);
  });

  it('when the stored item is not an offer, then nothing is found', async () => {
    for (const offer of [undefined, 'x', { ...OFFER, id: 'offer-1', createdAt: 'yesterday' }, { ...OFFER, id: 'offer-2', createdAt: clock.toISOString() }, { ...OFFER, id: 'offer-1', createdAt: clock.toISOString(), candidateIds: [1] }]) {
      await storage.write({ 'personPick-offer-1': { offer } });
      assert.equal(await offers.find('offer-1'), undefined, JSON.stringify(offer));
    }
  });
});
