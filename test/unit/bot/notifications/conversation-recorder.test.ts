import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { ActivityHandler, TestAdapter, type Activity } from 'botbuilder';
import { MemoryConversationDirectory } from '../../../../src/adapters/memory';
import { storedReferenceOf } from '../../../../src/adapters/teams/conversation-reference';
import { BackgroundTasks } from '../../../../src/bot/background-tasks';
import { ConversationRecorder } from '../../../../src/bot/notifications/conversation-recorder';
import { RecentRecords } from '../../../../src/bot/notifications/recent-records';
import { AGENT, FakeDirectory, MemoryLogger } from '../../../fakes';
import { AGENT_ACCOUNT, FakeTokens, PERSONAL, message } from '../support/fixtures';

const HELPDESK_GROUP = 'group-helpdesk';
const TTL_MS = 15 * 60 * 1000;

/** The recorder on a bare bot, with a clock the test moves and a count of the directory's writes. */
function recorderHarness() {
  let now = Date.parse('2026-11-25T09:00:00Z');
  const people = new MemoryConversationDirectory();
  const writes = sinon.spy(people, 'remember');
  const tokens = new FakeTokens();
  const directory = new FakeDirectory({ groups: { [HELPDESK_GROUP]: [AGENT.oid] } });
  const logger = new MemoryLogger();
  const background = new BackgroundTasks(logger);
  const recorder = new ConversationRecorder({ people, tokens, directory, helpdeskGroupId: HELPDESK_GROUP, logger, now: () => new Date(now), recordedTtlMs: TTL_MS });
  const bot = new ActivityHandler();
  recorder.attach(bot, background);
  const adapter = new TestAdapter(async (context) => bot.run(context));
  return {
    people,
    writes,
    tokens,
    /** Someone writes; resolves once the background work of that turn is over. */
    async write(activity: Partial<Activity>) {
      await adapter.processActivity(activity);
      await background.whenIdle();
    },
    later(ms: number) {
      now += ms;
    },
  };
}

const storedLocale = async (people: MemoryConversationDirectory) => ((await people.find(AGENT.oid)) as { locale?: string } | undefined)?.locale;

describe('remembering 1:1 chats without writing on every message', () => {
  afterEach(() => sinon.restore());

  it('when someone writes many messages in their 1:1, then it is stored once and they stay reachable', async () => {
    const h = recorderHarness();
    for (const text of ['help', 'help', 'what can you do', 'help']) await h.write(message(text));
    assert.equal(h.writes.callCount, 1);
    const stored = (await h.people.find(AGENT.oid)) as { conversation: { id: string } } | undefined;
    assert.equal(stored?.conversation.id, PERSONAL.id);
  });

  it('when their 1:1 changes (they switch Teams to Japanese), then the new one is stored at once', async () => {
    const h = recorderHarness();
    await h.write(message('help'));
    await h.write(message('ヘルプ', { locale: 'ja-JP' }));
    assert.equal(await storedLocale(h.people), 'ja-JP');
    await h.write(message('help'));
    assert.equal(await storedLocale(h.people), 'en-US');
  });

  it('when another instance stored something else meanwhile, then this instance stores its 1:1 again within the time it trusts its own record', async () => {
    const h = recorderHarness();
    await h.write(message('help'));
    // Another instance saw the same person with another language.
    await h.people.remember(AGENT.oid, storedReferenceOf(message('ヘルプ', { locale: 'ja-JP' })));
    h.later(TTL_MS - 1);
    await h.write(message('help'));
    assert.equal(await storedLocale(h.people), 'ja-JP');
    h.later(1);
    await h.write(message('help'));
    assert.equal(await storedLocale(h.people), 'en-US');
  });

  it('when a helpdesk member writes before and after signing in, then the message after signing in makes them receive approval cards', async () => {
    const h = recorderHarness();
    await h.write(message('help'));
    assert.deepEqual(await h.people.helpdeskMembers(10), []);
    h.tokens.sessions.add(AGENT.oid);
    await h.write(message('help'));
    assert.deepEqual((await h.people.helpdeskMembers(10)).map((m) => m.oid), [AGENT.oid]);
  });

  it('when storing fails, then the next message tries again', async () => {
    const h = recorderHarness();
    h.writes.restore();
    const remember = sinon.stub(h.people, 'remember').callThrough();
    remember.onFirstCall().rejects(new Error('storage unavailable'));
    await h.write(message('help'));
    assert.equal(await h.people.find(AGENT.oid), undefined);
    await h.write(message('help'));
    const stored = (await h.people.find(AGENT.oid)) as { user?: { id: string } } | undefined;
    assert.equal(stored?.user?.id, AGENT_ACCOUNT.id);
  });
});

describe('membership answers the recorder keeps in mind', () => {
  it('when signed-in people come and go, then it holds answers for at most its limit and lets those past their time go', async () => {
    let now = Date.parse('2026-11-25T09:00:00Z');
    const tokens = new FakeTokens();
    for (const oid of ['a', 'b', 'c', 'd']) tokens.sessions.add(oid);
    const directory = new FakeDirectory({ groups: { [HELPDESK_GROUP]: ['a'] } });
    const asked = sinon.spy(directory, 'isMemberOf');
    const recorder = new ConversationRecorder({
      people: new MemoryConversationDirectory(),
      tokens,
      directory,
      helpdeskGroupId: HELPDESK_GROUP,
      logger: new MemoryLogger(),
      now: () => new Date(now),
      recordedLimit: 2,
      membershipTtlMs: 60_000,
    });
    const reference = storedReferenceOf(message('help'));

    for (const oid of ['a', 'b', 'c']) await recorder.record(oid, reference);
    assert.equal(recorder.membershipAnswers, 2);
    // The oldest answer was let go: Graph is asked about that person again.
    await recorder.record('a', reference);
    assert.equal(asked.callCount, 4);

    now += 60_000;
    await recorder.record('d', reference);
    assert.equal(recorder.membershipAnswers, 1);
  });
});

describe('RecentRecords', () => {
  it('when more people were written than it keeps, then the least recently written are forgotten first', () => {
    const recent = new RecentRecords(2, TTL_MS);
    recent.add('a', { v: 1 }, 0);
    recent.add('b', { v: 1 }, 0);
    recent.add('a', { v: 2 }, 1);
    recent.add('c', { v: 1 }, 2);
    assert.equal(recent.size, 2);
    assert.equal(recent.has('b', { v: 1 }, 3), false);
    assert.equal(recent.has('a', { v: 2 }, 3), true);
    assert.equal(recent.has('c', { v: 1 }, 3), true);
  });

  it('when the value differs or the record is too old, then it does not count as written', () => {
    const recent = new RecentRecords(10, 100);
    recent.add('a', { v: 1 }, 0);
    assert.equal(recent.has('a', { v: 2 }, 1), false);
    assert.equal(recent.has('a', { v: 1 }, 99), true);
    assert.equal(recent.has('a', { v: 1 }, 100), false);
  });
});
