import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogTurnStatus, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { errorText, helpText } from '../../../src/cards/views';
import type { FlowStarter } from '../../../src/bot/flow-starter';
import type { ResetRequest } from '../../../src/bot/reset-request';
import type { SessionCheck, SessionGate, SignInRequest } from '../../../src/bot/sign-in/agent-sign-in';
import { AppError } from '../../../src/domain/errors';
import { t } from '../../../src/i18n';
import { MainDialog } from '../../../src/dialogs/main-dialog';
import { ResetRequestDialog, type ResetRequestOutcome } from '../../../src/dialogs/reset-request-dialog';
import { AGENT, MemoryLogger } from '../../fakes';

const AGENT_ACCOUNT = { id: '29:agent', name: AGENT.name, aadObjectId: AGENT.oid };

interface Turn {
  /** What the agent writes. */
  says: string;
  locale?: string;
  from?: { id: string; name: string; aadObjectId?: string };
  /** What the session gate answers (or throws). */
  session?: SessionCheck | AppError;
  /** The texts the bot answers with, in order. */
  replies: (() => string)[];
  /** The query the flow was started for, when one starts. */
  started?: string;
  outcome?: ResetRequestOutcome;
}

const consent = new AppError('auth.consentRequired', 'consent', { consentUrl: 'https://login.example.test/t/adminconsent?client_id=c' });

const conversations: Array<{ name: string; turn: Turn }> = [
  { name: 'help is answered with the help text', turn: { says: 'help', replies: [() => helpText('en')] } },
  {
    name: 'an unknown request gets the help text',
    turn: { says: 'please fix my printer', replies: [() => `${t('en', 'bot.notUnderstood')}\n\n${helpText('en')}`] },
  },
  { name: 'Japanese help is answered in Japanese', turn: { says: 'ヘルプ', locale: 'ja-JP', replies: [() => helpText('ja')] } },
  {
    name: 'a reset by a signed-in agent starts the flow',
    turn: { says: 'reset PIN for alice', session: 'ready', replies: [], started: 'alice', outcome: 'started' },
  },
  {
    name: 'a reset in Japanese starts the flow for the name given',
    turn: { says: 'alice の PIN をリセット', locale: 'ja-JP', session: 'ready', replies: [], started: 'alice', outcome: 'started' },
  },
  {
    name: 'a reset that waits for sign-in starts nothing yet',
    turn: { says: 'reset PIN for alice', session: 'pending', replies: [], outcome: 'signInPending' },
  },
  {
    name: 'a reset whose sign-in needs consent says so and starts nothing',
    turn: { says: 'reset PIN for alice', session: consent, replies: [() => errorText(consent, 'en')], outcome: 'refused' },
  },
  {
    name: 'a reset by someone without an Entra identity is refused politely',
    turn: {
      says: 'reset PIN for alice',
      from: { id: '29:guest', name: 'Guest' },
      session: 'ready',
      replies: [() => t('en', 'bot.unknownUser')],
      outcome: 'refused',
    },
  },
];

describe('MainDialog and ResetRequestDialog', () => {
  afterEach(() => sinon.restore());

  for (const { name, turn } of conversations) {
    it(`when ${name}`, async () => {
      const session: SessionGate = {
        ensureSession: sinon.stub<[TurnContext, SignInRequest], Promise<SessionCheck>>().callsFake(async () => {
          if (turn.session instanceof AppError) throw turn.session;
          return turn.session ?? 'ready';
        }),
        trySilentSession: sinon.stub<[string], Promise<boolean>>().resolves(true),
      };
      const startAndShow = sinon.stub<[TurnContext, ResetRequest], Promise<void>>().resolves();
      const starter: FlowStarter = { startAndShow };
      const dialog = new MainDialog(
        new ResetRequestDialog({ session, starter, tenantId: AGENT.tenantId, logger: new MemoryLogger() }),
      );
      const client = new DialogTestClient('msteams', dialog);

      const activity: Partial<Activity> = {
        type: 'message',
        text: turn.says,
        locale: turn.locale ?? 'en-US',
        from: turn.from ?? AGENT_ACCOUNT,
        conversation: { id: 'a:personal', conversationType: 'personal', isGroup: false, name: '', tenantId: AGENT.tenantId },
      };
      // sendActivity hands back the first reply; getNextReply the ones after it.
      const replies: Array<Partial<Activity> | undefined> = [await client.sendActivity(activity)];
      while (replies.at(-1)) replies.push(client.getNextReply());
      assert.deepEqual(
        replies.filter(Boolean).map((reply) => reply?.text),
        turn.replies.map((expected) => expected()),
      );
      assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
      if (turn.started) {
        sinon.assert.calledOnce(startAndShow);
        const request = startAndShow.firstCall.args[1];
        assert.equal(request.query, turn.started);
        assert.deepEqual(request.agent, AGENT);
        assert.equal(request.originIsPersonal, true);
      } else {
        assert.equal(startAndShow.called, false);
      }
      if (turn.outcome) assert.equal(client.dialogTurnResult.result, turn.outcome);
    });
  }
});

/** A dialog that asks a question and waits for the answer in the next message. */
class AskWhoseHistoryDialog extends ComponentDialog {
  constructor() {
    super('AskWhoseHistory');
    this.addDialog(
      new WaterfallDialog('AskWhoseHistory.steps', [
        async (step) => {
          await step.context.sendActivity('Whose history?');
          return Dialog.EndOfTurn;
        },
        async (step) => {
          await step.context.sendActivity(`History of ${step.context.activity.text ?? ''}`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'AskWhoseHistory.steps';
  }
}

describe('MainDialog turns and the stored dialog state', () => {
  afterEach(() => sinon.restore());

  /** MainDialog run as the bot runs it: dialog state in conversation state, saved after each turn. */
  function conversation() {
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const dialogState = conversationState.createProperty<DialogState>('DialogState');
    const starter: FlowStarter = { startAndShow: sinon.stub<[TurnContext, ResetRequest], Promise<void>>().resolves() };
    const session: SessionGate = { ensureSession: sinon.stub().resolves('ready'), trySilentSession: sinon.stub().resolves(true) };
    const dialog = new MainDialog(new ResetRequestDialog({ session, starter, tenantId: AGENT.tenantId, logger: new MemoryLogger() }), [
      { kinds: ['history'], dialog: new AskWhoseHistoryDialog() },
    ]);
    const adapter = new TestAdapter(async (context) => {
      await dialog.run(context, dialogState);
      await conversationState.saveChanges(context, false);
    });
    return { adapter, storage };
  }

  it('when help is asked, then it is answered without reading or writing the conversation state', async () => {
    const c = conversation();
    const read = sinon.spy(c.storage, 'read');
    const write = sinon.spy(c.storage, 'write');
    await c.adapter.send('help').assertReply(helpText('en')).startTest();
    assert.equal(read.called, false);
    assert.equal(write.called, false);
  });

  it('when a dialog waits for an answer and the user asks for help, then help is answered and the dialog still takes the next answer', async () => {
    const c = conversation();
    await c.adapter
      .send('history')
      .assertReply('Whose history?')
      .send('help')
      .assertReply(helpText('en'))
      .send('alice')
      .assertReply('History of alice')
      .startTest();
  });

  it('when a dialog waits for an answer, then words the bot would not understand are that answer', async () => {
    const c = conversation();
    await c.adapter.send('history').assertReply('Whose history?').send('the new intern').assertReply('History of the new intern').startTest();
  });

  it('when no dialog waits, then words the bot does not understand get the help text', async () => {
    const c = conversation();
    await c.adapter
      .send('history')
      .assertReply('Whose history?')
      .send('alice')
      .assertReply('History of alice')
      .send('the new intern')
      .assertReply(`${t('en', 'bot.notUnderstood')}\n\n${helpText('en')}`)
      .startTest();
  });
});
