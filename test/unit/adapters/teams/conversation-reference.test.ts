import { strict as assert } from 'node:assert';
import type { Activity } from 'botbuilder';
import {
  isPersonalConversation,
  parseStoredReference,
  storedReferenceOf,
  tenantOf,
  toConversationReference,
} from '../../../../src/adapters/teams/conversation-reference';

const activity: Partial<Activity> = {
  id: 'msg-1',
  type: 'message',
  text: 'reset PIN for alice',
  channelId: 'msteams',
  serviceUrl: 'https://smba.example.test/teams/',
  locale: 'ja-JP',
  conversation: { id: '19:c@thread.tacv2', conversationType: 'channel', isGroup: true, name: 'Helpdesk', tenantId: 'tenant-1' },
  from: { id: '29:agent', name: 'Hana', aadObjectId: 'oid-1' },
  recipient: { id: '28:bot', name: 'Passcode Desk' },
};

describe('conversation references', () => {
  it('when a reference is stored and read back, then it is the same and holds no message text', () => {
    const stored = storedReferenceOf(activity);
    const json: unknown = JSON.parse(JSON.stringify(stored));
    assert.deepEqual(parseStoredReference(json), stored);
    assert.ok(!JSON.stringify(stored).includes('reset PIN'));
    const reference = toConversationReference(stored);
    assert.equal(reference.conversation?.id, '19:c@thread.tacv2');
    assert.equal(reference.bot?.id, '28:bot');
    assert.equal(reference.user?.aadObjectId, 'oid-1');
    assert.equal(reference.activityId, 'msg-1');
  });

  const broken: unknown[] = [null, 'x', {}, { channelId: 'msteams', serviceUrl: 'u', conversation: {}, bot: { id: 'b' } }, { channelId: 'msteams', serviceUrl: 'u', conversation: { id: 'c' } }];
  for (const value of broken) {
    it(`when stored data is not a reference (${JSON.stringify(value)}), then it is rejected`, () => {
      assert.equal(parseStoredReference(value), undefined);
    });
  }

  it('only Teams’ explicit personal type counts as a 1:1 chat', () => {
    assert.equal(isPersonalConversation({ conversationType: 'personal' }), true);
    assert.equal(isPersonalConversation({ conversationType: 'groupChat' }), false);
    assert.equal(isPersonalConversation({}), false);
    assert.equal(isPersonalConversation(undefined), false);
  });

  it('reads the tenant from the conversation, else from channelData', () => {
    assert.equal(tenantOf(activity), 'tenant-1');
    assert.equal(tenantOf({ channelData: { tenant: { id: 'tenant-2' } } }), 'tenant-2');
    assert.equal(tenantOf({ channelData: { tenant: 'weird' } }), undefined);
  });
});
