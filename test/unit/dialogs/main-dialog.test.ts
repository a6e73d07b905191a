import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Activity, TurnContext } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { errorText, helpText } from '../../../src/cards/views';
import type { FlowStarter } from '../../../src/bot/flow-starter';
import type { ResetRequest } from '../../../src/bot/reset-request';
import type { SessionCheck, SessionGate } from '../../../src/bot/sign-in/agent-sign-in';
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
        ensureSession: sinon.stub<[TurnContext, ResetRequest], Promise<SessionCheck>>().callsFake(async () => {
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
