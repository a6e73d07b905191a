import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { flowCard } from '../../../src/cards/views';
import { AppError } from '../../../src/domain/errors';
import { errorText } from '../../../src/cards/views';
import { AGENT, aResetFlow } from '../../fakes';
import { allNodes, cardOf } from '../cards/card-inspect';
import { execute, harness, type Harness } from './support/fixtures';

describe('the reason or ticket number on the confirmation card', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
    h.tokens.sessions.add(AGENT.oid);
  });
  afterEach(() => sinon.restore());

  it('the confirmation card asks for it, required, and Cancel does not need it', () => {
    const card = cardOf(flowCard(aResetFlow(), 'en'));
    const input = allNodes(card).find((node) => node.type === 'Input.Text');
    assert.equal(input?.id, 'reason');
    assert.equal(input?.isRequired, true);
    assert.equal(input?.label, 'Reason or ticket number');
    const cancel = allNodes(card).find((node) => node.verb === 'cancel');
    assert.equal(cancel?.associatedInputs, 'none');
    const yes = allNodes(card).find((node) => node.verb === 'confirm');
    assert.deepEqual(yes?.data, { flowId: 'flow-1', revision: 1 }, 'the button itself carries only ids');
  });

  it('when the agent clicks Yes, then what they typed reaches the domain with the flow id, revision and the card\'s message', async () => {
    h.resetFlows.confirm.resolves(aResetFlow({ state: 'resetting', revision: 2 }));
    h.resetFlows.execute.resolves({ flow: aResetFlow({ state: 'failed', revision: 3, failure: { code: 'reset.failed' } }) });
    await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 1, reason: '  INC-1234 ' }));
    await h.bot.whenIdle();
    sinon.assert.calledOnceWithExactly(
      h.resetFlows.confirm,
      { flowId: 'flow-1', revision: 1, actorOid: AGENT.oid, cardActivityId: 'card-message-1' },
      'INC-1234',
    );
  });

  it('when the agent is over the hourly limit, then they read that nothing was reset', async () => {
    const limited = new AppError('reset.rateLimited', 'limit');
    h.resetFlows.confirm.rejects(limited);
    h.resetFlows.get.resolves(aResetFlow());
    const response = await h.adapter.invoke(execute('confirm', { flowId: 'flow-1', revision: 1, reason: 'INC-1' }));
    assert.deepEqual((response.body as { value: unknown }).value, errorText(limited, 'en'));
    sinon.assert.notCalled(h.resetFlows.execute);
  });
});
