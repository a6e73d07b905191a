import assert from 'node:assert/strict';
import { SignOutOnLeaving } from '../../../../src/adapters/identity/sign-out-on-leaving';
import { FakeDirectory, memoryLogger, user } from '../../../fakes';

describe('signing out someone who left the helpdesk group', () => {
  function setup(forget: (oid: string) => Promise<void>) {
    const forgotten: string[] = [];
    const inner = new FakeDirectory({
      users: [user({ id: 'agent-1', displayName: 'Hana Helpdesk' }), user({ id: 'left-1', displayName: 'Kai Former' })],
      groups: { helpdesk: ['agent-1'], admins: [] },
    });
    const logger = memoryLogger();
    const directory = new SignOutOnLeaving(
      inner,
      {
        forget: async (oid) => {
          forgotten.push(oid);
          await forget(oid);
        },
      },
      'helpdesk',
      logger,
    );
    return { directory, forgotten, logger };
  }

  it('when the helpdesk check says no, then their cached sign-in is deleted; a member keeps theirs', async () => {
    const { directory, forgotten } = setup(async () => undefined);
    assert.equal(await directory.isMemberOf('helpdesk', { kind: 'delegated', oid: 'left-1' }), false);
    assert.equal(await directory.isMemberOf('helpdesk', { kind: 'delegated', oid: 'agent-1' }), true);
    assert.deepEqual(forgotten, ['left-1']);
  });

  it('another group saying no (the admin group) signs no one out', async () => {
    const { directory, forgotten } = setup(async () => undefined);
    assert.equal(await directory.isMemberOf('admins', { kind: 'delegated', oid: 'agent-1' }), false);
    assert.deepEqual(forgotten, []);
  });

  it('when deleting the sign-in fails, the refusal still stands and the failure is logged', async () => {
    const { directory, logger } = setup(async () => {
      throw new Error('storage down');
    });
    assert.equal(await directory.isMemberOf('helpdesk', { kind: 'delegated', oid: 'left-1' }), false);
    assert.match(logger.text(), /auth\.signOutOnLeavingFailed/);
  });
});
