import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CARD_VERBS } from '../../../src/bot/card-action-payload';
import { DEMO_DEVICES } from '../../../src/simulator';
import { adaptiveCardOf, executeActions, invokeCard, visible } from '../../support/cards';
import { personalChat, type Deployment } from '../../support/harness';
import type { SentActivity, TeamsUser } from '../../support/teams-fake';
import { hostileText } from '../support/hostile-strings';
import { checkProperty } from '../support/report';
import {
  assertGraphCallsSafe,
  assertNoCrash,
  assertStillAnswersHelp,
  hana,
  kenji,
  mark,
  marco,
  requestsSince,
  startWithSignedInAgent,
} from './support/hostile-deployment';

/**
 * Forged and spoiled card clicks against a real, open flow (Hana's confirmation for Alice Smith):
 * unknown or other users' flow ids, stale revisions, missing fields, wrong types, other people
 * clicking. Each gets a polite answer and changes nothing — proven at the end by Hana's own Yes,
 * which still works, once.
 */

const ANSWER_TYPES = new Set([
  'application/vnd.microsoft.card.adaptive',
  'application/vnd.microsoft.activity.message',
  'application/vnd.microsoft.activity.loginRequest',
  'application/vnd.microsoft.error',
  'application/vnd.microsoft.error.preconditionFailed',
]);

const nobody: TeamsUser = { id: '29:nobody', aadObjectId: '', name: 'No Identity' };

/** The buttons of the other features (approvals, recovery, pick cards): forged ids must fail there too. */
const FEATURE_VERBS: readonly string[] = [
  'fileRequest',
  'cancelMyRequest',
  'approveRequest',
  'denyRequest',
  'verifyIdentity',
  'hideShownPasscode',
  'getRecoveredPasscode',
  'pickHistoryPerson',
  'pickPasscodePerson',
];

const JUNK: readonly unknown[] = [undefined, null, '', 0, -1, 1.5, '1', true, [], {}, ['x'], { $ne: null }, 'x'.repeat(300)];

interface Click {
  actor: TeamsUser;
  value: unknown;
  /** What the click names, to tell a legitimate click of Hana's from a hostile one. */
  flowId: unknown;
  revision: unknown;
  verb: unknown;
}

describe('Hostile card actions over HTTP (property-based)', function () {
  this.timeout(300_000);
  let d: Deployment;
  let card: SentActivity;
  let flowId: string;
  let revision: number;
  const statuses = new Map<number, number>();

  before(async () => {
    d = await startWithSignedInAgent();
    for (const user of [nobody]) d.teams.addUser(user);
    const personal = personalChat(hana, d.tenantId, d.teams);
    await d.teams.sendMessage(hana, personal, 'reset PIN for alice smith');
    card = await d.teams.waitFor(
      () => visible(d.teams.inConversation(personal.id)).reverse().find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'confirm')),
      15000,
      'the confirmation card',
    );
    const yes = executeActions(adaptiveCardOf(card)).find((x) => x.verb === 'confirm')!;
    flowId = String(yes.data.flowId);
    revision = Number(yes.data.revision);
  });
  after(async () => {
    const seen = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(', ');
    process.stdout.write(`      · HTTP statuses of the hostile clicks: ${seen}\n`);
    await d?.stop();
  });

  function clicks(): fc.Arbitrary<Click> {
    const flowIdArb = fc.oneof(fc.constant(flowId), fc.uuid(), hostileText(6), fc.constantFrom(...JUNK));
    const revisionArb = fc.oneof(
      fc.constant(revision),
      fc.integer({ min: -3, max: 3 }).map((k) => revision + k),
      fc.constantFrom(...JUNK),
      fc.constant(Number.MAX_SAFE_INTEGER),
      fc.double(),
    );
    const verbArb = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<unknown>(...CARD_VERBS) },
      { weight: 2, arbitrary: fc.constantFrom<unknown>(...FEATURE_VERBS) },
      { weight: 1, arbitrary: fc.oneof(hostileText(4), fc.constantFrom(...JUNK)) },
    );
    const otherIdArb = fc.oneof(hostileText(4), fc.uuid(), fc.constantFrom(...JUNK));
    return fc
      .record({
        actor: fc.constantFrom(hana, kenji, marco, nobody),
        flowId: flowIdArb,
        revision: revisionArb,
        verb: verbArb,
        userId: fc.oneof(hostileText(4), fc.uuid(), fc.constantFrom(...JUNK)),
        deviceId: fc.oneof(hostileText(4), fc.constant(DEMO_DEVICES.aliceLumia), fc.constant(DEMO_DEVICES.aliceLaptop), fc.constantFrom(...JUNK)),
        reason: fc.oneof(hostileText(8), fc.constantFrom(...JUNK)),
        otherId: otherIdArb,
        type: fc.constantFrom<unknown>('Action.Execute', 'Action.Execute', undefined, 'Action.Submit', 7),
        shape: fc.constantFrom('normal', 'normal', 'normal', 'noData', 'dataNotObject', 'noAction', 'valueJunk'),
        token: fc.option(fc.oneof(hostileText(6), fc.constant('eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.')), { nil: undefined, freq: 4 }),
        junk: fc.anything({ maxDepth: 2 }),
      })
      .map((c): Click => {
        const data: Record<string, unknown> = {
          flowId: c.flowId,
          revision: c.revision,
          userId: c.userId,
          deviceId: c.deviceId,
          reason: c.reason,
          // The other features' ids: a request, an in-flight reset, a pick offer.
          requestId: c.otherId,
          inFlightId: c.otherId,
          offerId: c.otherId,
        };
        const action: Record<string, unknown> = { type: c.type, verb: c.verb, data };
        if (c.shape === 'noData') delete action.data;
        if (c.shape === 'dataNotObject') action.data = c.junk;
        let value: unknown = { action, trigger: 'manual', ...(c.token ? { authentication: { id: 'x', token: c.token } } : {}) };
        if (c.shape === 'noAction') value = { trigger: 'manual' };
        if (c.shape === 'valueJunk') value = c.junk;
        return { actor: c.actor, value, flowId: c.flowId, revision: c.revision, verb: c.verb };
      })
      // Hana's own cancel or Yes on her current card is not hostile: it would rightly change the flow.
      .filter((c) => !(c.actor === hana && c.flowId === flowId && c.revision === revision && (c.verb === 'cancel' || c.verb === 'confirm')));
  }

  it('answers every forged or spoiled click politely and changes nothing', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    await checkProperty(
      'HTTP: forged and spoiled card clicks',
      fc.asyncProperty(clicks(), async (click) => {
        const before = mark(d);
        const conversation = click.actor === hana ? personal : personalChat(click.actor, d.tenantId, d.teams);
        const answer = await d.teams.post({
          ...d.teams.envelope(click.actor, conversation, 'en-US'),
          ...(click.actor === nobody ? { from: { id: nobody.id, name: nobody.name } } : {}),
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: card.id,
          value: click.value,
        });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        assert.ok([200, 401, 403, 412].includes(answer.status), `HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
        const body = answer.body as { type?: string; value?: unknown } | undefined;
        assert.ok(body && typeof body.type === 'string' && ANSWER_TYPES.has(body.type), `answer ${JSON.stringify(body)}`);
        if (body.type === 'application/vnd.microsoft.activity.message') assert.ok(String(body.value).trim().length > 0, 'a polite text');
        assertNoCrash(d, before);
        assertGraphCallsSafe(requestsSince(d, before));
        assert.equal(d.sim.resetPostCount(), 0, 'nothing was reset');
      }),
      { numRuns: 300 },
    );
    await assertStillAnswersHelp(d);
  });

  it('after all that, Hana\'s own Yes still resets the phone, once', async () => {
    const personal = personalChat(hana, d.tenantId, d.teams);
    const yes = executeActions(adaptiveCardOf(card)).find((x) => x.verb === 'confirm')!;
    // Teams sends the card's inputs with the click: the reason or ticket number typed.
    const answer = await d.teams.clickExecute(hana, personal, card.id, 'confirm', { ...yes.data, reason: 'INC-1234' });
    assert.equal(answer.status, 200);
    assert.ok(invokeCard(answer.body), 'the click is answered with the progress card');
    await d.teams.waitFor(
      () => visible(d.teams.inConversation(personal.id)).find((a) => executeActions(adaptiveCardOf(a)).some((x) => x.verb === 'hidePasscode')),
      20000,
      'the passcode card',
    );
    assert.equal(d.sim.resetPostCount(DEMO_DEVICES.aliceLumia), 1);
    assert.equal(d.sim.resetPostCount(), 1);
  });
});
