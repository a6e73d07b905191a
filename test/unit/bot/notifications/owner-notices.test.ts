import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Activity } from 'botbuilder';
import { TeamsOwnerNotifier } from '../../../../src/bot/notifications/teams-owner-notifier';
import { ProactiveMessenger } from '../../../../src/adapters/teams/proactive';
import { MemoryConversationDirectory } from '../../../../src/adapters/memory';
import { t } from '../../../../src/i18n';
import { MemoryLogger } from '../../../fakes';
import { EMPLOYEE_ACCOUNT, EMPLOYEE_PERSONAL, approvalsHarness, personalReference } from '../approvals/support/harness';
import { EMPLOYEE } from '../approvals/support/requests';
import { CHANNEL, message } from '../support/fixtures';
import { TeamsTestAdapter } from '../support/teams-test-adapter';

describe('owner notices and the directory of 1:1 chats', () => {
  afterEach(() => sinon.restore());

  describe('TeamsOwnerNotifier', () => {
    function notifier() {
      const adapter = new TeamsTestAdapter(async () => undefined);
      const people = new MemoryConversationDirectory();
      const logger = new MemoryLogger();
      return { adapter, people, logger, notifier: new TeamsOwnerNotifier(people, new ProactiveMessenger(adapter, ''), logger) };
    }

    it('when the owner has a 1:1 with the bot, then they read who reset which device, in their language', async () => {
      const n = notifier();
      await n.people.remember(EMPLOYEE.oid, personalReference(EMPLOYEE_PERSONAL.id, EMPLOYEE_ACCOUNT, 'ja-JP'));
      await n.notifier.resetNotice({ oid: EMPLOYEE.oid, name: EMPLOYEE.name }, 'ALICE-LUMIA', 'Hana Helpdesk', 'en');
      assert.deepEqual(
        n.adapter.inConversation(EMPLOYEE_PERSONAL.id).map((a) => a.text),
        [t('ja', 'approvals.ownerNotice', { device: 'ALICE-LUMIA', agent: 'Hana Helpdesk' })],
      );
      assert.match(t('en', 'approvals.ownerNotice', { device: 'X', agent: 'Y' }), /reset by Y\. If you did not expect this, contact security/);
    });

    it('when the owner is unknown to the bot, then nothing is sent and nothing fails', async () => {
      const n = notifier();
      await n.notifier.resetNotice({ oid: 'stranger', name: 'S' }, 'PHONE', 'Hana', 'en');
      assert.equal(n.adapter.everything().length, 0);
      assert.ok(n.logger.lines.some((line) => line.event === 'notify.owner.unreachable'));
    });

    it('when Teams refuses the message, then the reset is not bothered', async () => {
      const n = notifier();
      await n.people.remember(EMPLOYEE.oid, personalReference(EMPLOYEE_PERSONAL.id, EMPLOYEE_ACCOUNT));
      sinon.stub(n.adapter, 'continueConversationAsync').rejects(Object.assign(new Error('Forbidden'), { statusCode: 403 }));
      await n.notifier.resetNotice({ oid: EMPLOYEE.oid, name: EMPLOYEE.name }, 'PHONE', 'Hana');
      assert.ok(n.logger.lines.some((line) => line.event === 'notify.owner.failed'));
    });
  });

  describe('remembering 1:1 chats', () => {
    it('when someone installs the app, then their 1:1 is remembered', async () => {
      const h = approvalsHarness();
      const install: Partial<Activity> = {
        ...message('', { conversation: EMPLOYEE_PERSONAL, from: EMPLOYEE_ACCOUNT }),
        type: 'installationUpdate',
        action: 'add',
        text: undefined,
      };
      await h.adapter.processActivity(install);
      await h.bot.whenIdle();
      const known = (await h.people.find(EMPLOYEE.oid)) as { conversation: { id: string } } | undefined;
      assert.equal(known?.conversation.id, EMPLOYEE_PERSONAL.id);
      assert.deepEqual(await h.people.helpdeskMembers(10), []);
    });

    it('when a helpdesk member with a session writes in the 1:1, then they receive approval cards from then on', async () => {
      const h = approvalsHarness();
      h.tokens.sessions.add('agent-oid-1');
      await h.adapter.processActivity(message('help'));
      await h.bot.whenIdle();
      assert.deepEqual((await h.people.helpdeskMembers(10)).map((m) => m.oid), ['agent-oid-1']);
    });

    it('when someone writes in a channel, then nothing is remembered', async () => {
      const h = approvalsHarness();
      await h.adapter.processActivity(message('help', { conversation: CHANNEL, from: EMPLOYEE_ACCOUNT }));
      await h.bot.whenIdle();
      assert.equal(await h.people.find(EMPLOYEE.oid), undefined);
    });
  });
});
