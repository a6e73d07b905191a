import { strict as assert } from 'node:assert';
import { PrivateDelivery } from '../../../../src/adapters/teams/private-delivery';
import { storedReferenceOf } from '../../../../src/adapters/teams/conversation-reference';
import { MemoryLogger } from '../../../fakes';
import { TeamsTestAdapter } from '../../bot/support/teams-test-adapter';
import { AGENT_ACCOUNT, CHANNEL, PERSONAL, TENANT_ID, message } from '../../bot/support/fixtures';

describe('PrivateDelivery', () => {
  const secret = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: 'private' } }] };

  it('when the origin is the agent’s 1:1, then it replies there and opens no conversation', async () => {
    const adapter = new TeamsTestAdapter();
    const delivery = new PrivateDelivery(adapter, '', new MemoryLogger());
    const result = await delivery.send(
      { origin: storedReferenceOf(message('x')), agentAccountId: AGENT_ACCOUNT.id, tenantId: TENANT_ID },
      secret,
    );
    assert.equal(result.delivered, true);
    assert.equal(adapter.createdConversations.length, 0);
    assert.equal(adapter.inConversation(PERSONAL.id).length, 1);
  });

  it('when the origin is a channel, then it opens the agent’s 1:1 in our tenant and posts only there', async () => {
    const adapter = new TeamsTestAdapter();
    const delivery = new PrivateDelivery(adapter, '', new MemoryLogger());
    const result = await delivery.send(
      { origin: storedReferenceOf(message('x', { conversation: CHANNEL })), agentAccountId: AGENT_ACCOUNT.id, tenantId: TENANT_ID },
      secret,
    );
    assert.equal(result.delivered, true);
    assert.equal(result.delivered && result.conversation.conversation.conversationType, 'personal');
    const [created] = adapter.createdConversations;
    assert.deepEqual(created.members?.map((m) => m.id), [AGENT_ACCOUNT.id]);
    assert.equal(created.isGroup, false);
    assert.equal(created.tenantId, TENANT_ID);
    assert.deepEqual(created.channelData, { tenant: { id: TENANT_ID } });
    assert.equal(adapter.inConversation(CHANNEL.id).length, 0);
    assert.equal(adapter.inConversation(`a:personal-${AGENT_ACCOUNT.id}`).length, 1);
  });

  it('when the agent cannot be reached, then nothing is sent anywhere and the caller is told', async () => {
    const adapter = new TeamsTestAdapter();
    adapter.unreachable.add(AGENT_ACCOUNT.id);
    const logger = new MemoryLogger();
    const delivery = new PrivateDelivery(adapter, '', logger);
    const result = await delivery.send(
      { origin: storedReferenceOf(message('x', { conversation: CHANNEL })), agentAccountId: AGENT_ACCOUNT.id, tenantId: TENANT_ID },
      secret,
    );
    assert.deepEqual(result, { delivered: false });
    assert.equal(adapter.everything().length, 0);
    assert.deepEqual(logger.events(), ['teams.privateDelivery.unreachable']);
  });
});
