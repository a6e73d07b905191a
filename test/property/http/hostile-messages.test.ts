import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { helpdeskChannel, personalChat, type Deployment } from '../../support/harness';
import { cardText } from '../../support/teams-fake';
import { adaptiveCardOf } from '../../support/cards';
import { anyHostileMessage, longText } from '../support/hostile-strings';
import { checkProperty } from '../support/report';
import {
  assertGraphCallsSafe,
  assertNoCrash,
  assertStillAnswersHelp,
  hana,
  mark,
  requestsSince,
  sentSince,
  startWithSignedInAgent,
} from './support/hostile-deployment';

/**
 * Hostile messages from a signed-in agent, over HTTP through the real bot: each one gets a polite
 * answer, reaches Graph only inside escaped filter literals, and resets nothing.
 */
describe('Hostile messages over HTTP (property-based)', function () {
  this.timeout(300_000);
  let d: Deployment;
  /** Cases whose text reached Graph inside a `$filter` (the interesting ones). */
  let filtered = 0;

  before(async () => {
    d = await startWithSignedInAgent();
  });
  after(async () => {
    process.stdout.write(`      · of these, ${filtered} reached Graph inside a $filter\n`);
    await d?.stop();
  });

  async function sendAndCheck(text: string, where: 'personal' | 'channel'): Promise<void> {
    const conversation = where === 'personal' ? personalChat(hana, d.tenantId, d.teams) : helpdeskChannel(d.tenantId);
    const before = mark(d);
    const answer = await d.teams.sendMessage(hana, conversation, text);
    assert.ok(answer.status >= 200 && answer.status < 300, `HTTP ${answer.status}`);
    const replies = await d.teams.waitFor(
      () => {
        const sent = sentSince(d, before).filter((a) => a.conversationId === conversation.id);
        return sent.length > 0 ? sent : undefined;
      },
      10000,
      'an answer',
    );
    // Polite: a text or a card with words in it.
    const said = replies.map((a) => `${a.text ?? ''}${cardText(adaptiveCardOf(a))}`).join('');
    assert.ok(said.trim().length > 0, 'the answer says something');
    assertNoCrash(d, before);
    const requests = requestsSince(d, before);
    assertGraphCallsSafe(requests, text);
    if (requests.some((r) => r.query.$filter !== undefined)) filtered += 1;
    assert.equal(d.sim.resetPostCount(), 0, 'nothing was reset');
  }

  it('answers politely, escapes everything sent to Graph, and resets nothing', async () => {
    await checkProperty(
      'HTTP: hostile messages from a signed-in agent',
      fc.asyncProperty(anyHostileMessage(), fc.constantFrom<'personal' | 'channel'>('personal', 'channel'), async (text, where) => {
        await sendAndCheck(text, where);
      }),
      { numRuns: 200 },
    );
    await assertStillAnswersHelp(d);
  });

  it('handles 100 kB messages like any other text', async () => {
    await checkProperty(
      'HTTP: long messages up to 100 kB',
      fc.asyncProperty(longText(), async (text) => {
        await sendAndCheck(text, 'personal');
      }),
      { numRuns: 10 },
    );
    await assertStillAnswersHelp(d);
  });
});
