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
 * reset nothing; what is not an activity at all is refused with 400, anything else gets a polite
 * answer.
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

/** Noise on top: odd fields; some make the request no activity at all (see refusalExpected). */
const NOISE: readonly Mutation[] = [
  { name: 'conversation without id', breaksIdentity: false, apply: (a) => delete conversationOf(a).id },
  { name: 'hostile locale', breaksIdentity: false, apply: (a, junk) => (a.locale = junk) },
  { name: 'entities junk', breaksIdentity: false, apply: (a, junk) => (a.entities = junk) },
  { name: 'text not a string', breaksIdentity: false, apply: (a, junk) => (a.text = typeof junk === 'string' ? 7 : junk) },
  { name: 'no recipient', breaksIdentity: false, apply: (a) => delete a.recipient },
  { name: 'channelData junk', breaksIdentity: false, apply: (a, junk) => (a.channelData = junk) },
  { name: 'value junk', breaksIdentity: false, apply: (a, junk) => (a.value = junk) },
  { name: 'no id', breaksIdentity: false, apply: (a) => delete a.id },
  { name: 'no serviceUrl', breaksIdentity: false, apply: (a) => delete a.serviceUrl },
  { name: 'no type', breaksIdentity: false, apply: (a) => delete a.type },
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const hasText = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/**
 * What Teams always sends (a type, a conversation with an id, a serviceUrl, and for messages and
 * invokes a sender with an id): without it the request is not an activity and is refused with 400
 * before botbuilder sees it. Undefined when the activity is well-formed enough to be answered.
 */
function refusalExpected(activity: Activity): string | undefined {
  if (!hasText(activity.type)) return 'no type';
  if (!isRecord(activity.conversation) || !hasText(activity.conversation.id)) return 'no conversation';
  if (!hasText(activity.serviceUrl)) return 'no serviceUrl';
  if ((activity.type === 'message' || activity.type === 'invoke') && (!isRecord(activity.from) || !hasText(activity.from.id))) return 'no sender';
  return undefined;
}

/**
 * Known gap (reported): `entities` that is not a list makes the message handler throw (a
 * TypeError, logged as an error); the user still gets the polite generic apology, HTTP 200.
 */
function knownGaps(activity: Activity): string[] {
  return activity.type === 'message' && activity.entities !== undefined && !Array.isArray(activity.entities) ? ['non-array entities → error logged'] : [];
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
        const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        // Invariants, whatever the activity: nothing reaches Graph, nothing is reset.
        assert.deepEqual(requestsSince(d, before), [], `Graph was called for ${what}`);
        assert.equal(d.sim.resetPostCount(), 0);
        const sent = sentSince(d, before);
        const refusal = refusalExpected(activity);
        if (refusal) {
          count(`HTTP 400 (${refusal})`);
          assert.equal(answer.status, 400, `${what}: ${refusal} must be refused`);
          assert.deepEqual(sent, [], `${what}: something was sent`);
          return;
        }
        count(`HTTP ${answer.status}`);
        assert.ok(answer.status < 500, `HTTP ${answer.status} for ${what}: ${JSON.stringify(answer.body)}`);
        for (const activitySent of sent) assert.ok(!/went wrong on my side/.test(JSON.stringify(activitySent.raw)));
        if (activity.type === 'message') {
          assert.ok(sent.some((a) => (a.text ?? '').trim().length > 0), `no polite text for ${what}`);
        }
        if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
          const body = answer.body as { type?: unknown; value?: unknown } | undefined;
          assert.ok(answer.status === 403 || (body && typeof body.type === 'string'), `no card answer for ${what}`);
        }
        const gaps = knownGaps(activity);
        gaps.forEach((gap) => count(`known gap: ${gap}`));
        if (gaps.length === 0) assert.deepEqual(errorsLoggedSince(d, before), [], `errors logged for ${what}`);
      }),
      { numRuns: 300 },
    );
    await assertStillAnswersHelp(d);
  });

  it('answers a message whose entities are not a list without logging an error', async () => {
    const before = mark(d);
    const activity: Activity = { ...d.teams.envelope(hana, personalChat(hana, d.tenantId, d.teams), 'en-US'), type: 'message', text: 'help', entities: 'x' };
    const answer = await d.teams.post(activity);
    assert.equal(answer.status, 200);
    assert.deepEqual(errorsLoggedSince(d, before), []);
  });
});
