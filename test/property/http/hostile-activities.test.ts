import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import sinon from 'sinon';
import { personalChat, type Deployment } from '../../support/harness';
import { hostileText } from '../support/hostile-strings';
import { checkProperty } from '../support/report';
import {
  assertStillAnswersHelp,
  errorsLoggedSince,
  hana,
  mark,
  requestsSince,
  sentSince,
  startWithSignedInAgent,
} from './support/hostile-deployment';

/**
 * Activities Teams would never send, or someone else's: no sender, no Entra identity, no
 * conversation, another tenant, fields of the wrong type. The bot must stay up (it answers a help
 * message afterwards), never reach Graph for a sender it cannot identify in its own tenant, and
 * reset nothing.
 */

const OTHER_TENANT = '9f3c2b1a-0000-4000-8000-0000000000ff';

type Activity = Record<string, unknown>;
type Mutation = { name: string; breaksIdentity: boolean; apply: (a: Activity, junk: unknown) => void };

const conversationOf = (a: Activity) => (a.conversation ?? {}) as Record<string, unknown>;
const channelDataOf = (a: Activity) => (a.channelData ?? {}) as Record<string, unknown>;

/** Changes that take away who is writing, or put them in another tenant. */
const IDENTITY_BREAKERS: readonly Mutation[] = [
  { name: 'no from', breaksIdentity: true, apply: (a) => delete a.from },
  { name: 'from not an object', breaksIdentity: true, apply: (a, junk) => (a.from = typeof junk === 'object' && junk !== null ? 'x' : junk) },
  { name: 'from without aadObjectId', breaksIdentity: true, apply: (a) => delete (a.from as Record<string, unknown>).aadObjectId },
  { name: 'empty aadObjectId', breaksIdentity: true, apply: (a) => ((a.from as Record<string, unknown>).aadObjectId = '') },
  { name: 'aadObjectId of the wrong type', breaksIdentity: true, apply: (a, junk) => ((a.from as Record<string, unknown>).aadObjectId = typeof junk === 'string' ? 42 : junk ?? 42) },
  {
    name: 'another tenant',
    breaksIdentity: true,
    apply: (a) => {
      conversationOf(a).tenantId = OTHER_TENANT;
      a.channelData = { ...channelDataOf(a), tenant: { id: OTHER_TENANT } };
    },
  },
  {
    name: 'no tenant at all',
    breaksIdentity: true,
    apply: (a) => {
      delete conversationOf(a).tenantId;
      delete a.channelData;
    },
  },
  { name: 'no conversation', breaksIdentity: true, apply: (a) => delete a.conversation },
  { name: 'conversation not an object', breaksIdentity: true, apply: (a) => (a.conversation = 'x') },
];

/** Noise on top: odd fields, some harmless, some known to fail the turn (see knownGaps). */
const NOISE: readonly Mutation[] = [
  { name: 'conversation without id', breaksIdentity: false, apply: (a) => delete conversationOf(a).id },
  { name: 'hostile locale', breaksIdentity: false, apply: (a, junk) => (a.locale = junk) },
  { name: 'entities junk', breaksIdentity: false, apply: (a, junk) => (a.entities = junk) },
  { name: 'text not a string', breaksIdentity: false, apply: (a, junk) => (a.text = typeof junk === 'string' ? 7 : junk) },
  { name: 'no recipient', breaksIdentity: false, apply: (a) => delete a.recipient },
  { name: 'channelData junk', breaksIdentity: false, apply: (a, junk) => (a.channelData = junk) },
  { name: 'value junk', breaksIdentity: false, apply: (a, junk) => (a.value = junk) },
  { name: 'no id', breaksIdentity: false, apply: (a) => delete a.id },
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Known gaps (reported, owned by the bot layer, see the pending specs below): with these the turn
 * fails with HTTP 500 and an error in the log instead of a polite 4xx. Still: no Graph call, no
 * reset, and the bot keeps answering.
 */
function knownGaps(activity: Activity): string[] {
  const gaps: string[] = [];
  const conversation = activity.conversation;
  const isMessage = activity.type === 'message';
  if (!isRecord(conversation) || typeof conversation.id !== 'string' || conversation.id === '') gaps.push('no usable conversation → 500');
  const from = activity.from;
  if (isRecord(from) && from.aadObjectId && typeof from.aadObjectId !== 'string') gaps.push('non-string aadObjectId → 500');
  if (isMessage && activity.locale !== undefined && typeof activity.locale !== 'string') gaps.push('non-string locale → 500');
  if (isMessage && activity.entities !== undefined && !Array.isArray(activity.entities)) gaps.push('non-array entities → error logged');
  return gaps;
}

describe('Hostile activities over HTTP (property-based)', function () {
  this.timeout(300_000);
  let d: Deployment;
  const outcomes = new Map<string, number>();
  /** CloudAdapter prints a failed turn's error with console.error, past our logger; counted, not shown. */
  let adapterConsoleErrors: sinon.SinonStub | undefined;

  before(async () => {
    d = await startWithSignedInAgent();
    adapterConsoleErrors = sinon.stub(console, 'error');
  });
  after(async () => {
    const printed = adapterConsoleErrors?.callCount ?? 0;
    adapterConsoleErrors?.restore();
    const seen = [...outcomes.entries()].sort().map(([k, n]) => `${k}×${n}`).join(', ');
    process.stdout.write(`      · outcomes: ${seen}\n`);
    process.stdout.write(`      · botbuilder's CloudAdapter wrote ${printed} failed turns to console.error (raw, outside our logger)\n`);
    await d?.stop();
  });

  function activities(): fc.Arbitrary<{ activity: Activity; breaks: string[]; noise: string[] }> {
    const personal = () => personalChat(hana, d.tenantId, d.teams);
    const base = fc.constantFrom<(name: string) => Activity>(
      () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'message', text: 'reset PIN for alice smith' }),
      () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'message', text: 'help' }),
      () => ({
        ...d.teams.envelope(hana, personal(), 'en-US'),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'confirm', data: { flowId: 'f', revision: 1 } } },
      }),
      () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'invoke', name: 'signin/tokenExchange', value: { id: 'x', connectionName: '', token: 'x' } }),
      () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'invoke', name: 'signin/verifyState', value: { state: '123456' } }),
      () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'conversationUpdate', membersAdded: [{ id: hana.id }] }),
      () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }),
      () => ({ ...d.teams.envelope(hana, personal(), 'en-US'), type: 'something-else' }),
    );
    const junk = fc.oneof(hostileText(4), fc.anything({ maxDepth: 2 }));
    return fc
      .record({
        make: base,
        breakers: fc.subarray([...IDENTITY_BREAKERS], { minLength: 1, maxLength: 3 }),
        noise: fc.subarray([...NOISE], { maxLength: 2 }),
        junk,
      })
      .map(({ make, breakers, noise, junk: j }) => {
        const activity = make('');
        // Noise first: a breaker may remove what noise would touch.
        for (const m of [...noise, ...breakers]) {
          try {
            m.apply(activity, j);
          } catch {
            // The field the change needs is already gone (e.g. no from); the activity stays as is.
          }
        }
        return { activity, breaks: breakers.map((m) => m.name), noise: noise.map((m) => m.name) };
      });
  }

  it('stays up, reaches no Graph and resets nothing for activities it cannot attribute', async () => {
    await checkProperty(
      'HTTP: activities without identity, conversation or from another tenant',
      fc.asyncProperty(activities(), async ({ activity, breaks }) => {
        const before = mark(d);
        const answer = await d.teams.post(activity);
        const what = `${breaks.join(' + ')} on ${String(activity.type)} ${String(activity.name ?? '')}`;
        outcomes.set(`HTTP ${answer.status}`, (outcomes.get(`HTTP ${answer.status}`) ?? 0) + 1);
        // Invariants, whatever the activity: nothing reaches Graph, nothing is reset.
        assert.deepEqual(requestsSince(d, before), [], `Graph was called for ${what}`);
        assert.equal(d.sim.resetPostCount(), 0);
        const gaps = knownGaps(activity);
        for (const gap of gaps) outcomes.set(`known gap: ${gap}`, (outcomes.get(`known gap: ${gap}`) ?? 0) + 1);
        if (gaps.length > 0) return;
        // Without a known gap: a polite answer and a clean log.
        assert.ok(answer.status < 500, `HTTP ${answer.status} for ${what}: ${JSON.stringify(answer.body)}`);
        assert.deepEqual(errorsLoggedSince(d, before), [], `errors logged for ${what}`);
        const sent = sentSince(d, before);
        for (const activitySent of sent) assert.ok(!/went wrong on my side/.test(JSON.stringify(activitySent.raw)));
        if (activity.type === 'message' && isRecord(activity.conversation)) {
          assert.ok(sent.some((a) => (a.text ?? '').trim().length > 0), `no polite text for ${what}`);
        }
        if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
          const body = answer.body as { type?: unknown; value?: unknown } | undefined;
          assert.ok(answer.status === 403 || (body && typeof body.type === 'string'), `no card answer for ${what}`);
        }
      }),
      { numRuns: 300 },
    );
    await assertStillAnswersHelp(d);
  });

  // The known gaps, as the behaviour we want; enable each when the bot layer handles it.
  it.skip('answers a message without a usable conversation with 400 and no internal error text', async () => {
    const activity: Activity = { ...d.teams.envelope(hana, personalChat(hana, d.tenantId, d.teams), 'en-US'), type: 'message', text: 'help' };
    delete activity.conversation;
    const answer = await d.teams.post(activity);
    assert.equal(answer.status, 400);
  });

  it.skip('treats a non-string aadObjectId as no identity (polite "who are you", HTTP 200)', async () => {
    const activity: Activity = { ...d.teams.envelope(hana, personalChat(hana, d.tenantId, d.teams), 'en-US'), type: 'message', text: 'help' };
    (activity.from as Record<string, unknown>).aadObjectId = 42;
    const answer = await d.teams.post(activity);
    assert.equal(answer.status, 200);
  });

  it.skip('answers a message whose locale is not a string (falls back to English)', async () => {
    const activity: Activity = { ...d.teams.envelope(hana, personalChat(hana, d.tenantId, d.teams), 'en-US'), type: 'message', text: 'help', locale: { x: 1 } };
    const answer = await d.teams.post(activity);
    assert.equal(answer.status, 200);
  });
});
