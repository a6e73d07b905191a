import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CARD_VERBS, parseCardInvoke, type CardVerb } from '../../../src/bot/card-action-payload';
import { checkProperty } from '../support/report';
import { hostileText } from '../support/hostile-strings';

/**
 * A card click is input like any other: Teams passes on whatever the card (or a forger) put in
 * `data`. The parser must never throw, and only our buttons' exact shapes may pass, reduced to
 * the fields we know.
 */

const verb = fc.constantFrom<CardVerb>(...CARD_VERBS);
const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 200 }), hostileText(8).filter((s) => s.length > 0 && s.length <= 200));
const revision = fc.nat({ max: Number.MAX_SAFE_INTEGER });

/** A payload exactly as our buttons send it (plus, sometimes, Teams' authentication block). */
const validInvoke = fc
  .record({
    verb,
    flowId: id,
    revision,
    userId: id,
    deviceId: id,
    withType: fc.boolean(),
    reason: fc.option(fc.oneof(hostileText(10), fc.string({ maxLength: 1200 }), fc.anything()), { nil: undefined }),
    token: fc.option(fc.string({ minLength: 1, maxLength: 50 }), { nil: undefined }),
    extra: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  })
  .map(({ verb: v, flowId, revision: r, userId, deviceId, reason, withType, token, extra }) => {
    const data: Record<string, unknown> = { ...extra, flowId, revision: r };
    if (v === 'chooseUser') data.userId = userId;
    if (v === 'chooseDevice') data.deviceId = deviceId;
    if (v === 'confirm' && reason !== undefined) data.reason = reason;
    const action: Record<string, unknown> = { verb: v, data };
    if (withType) action.type = 'Action.Execute';
    return { value: { action, trigger: 'manual', ...(token ? { authentication: { id: 'x', token } } : {}) }, verb: v, flowId, revision: r, userId, deviceId, reason, token };
  });

/** The confirmation card's typed reason is kept trimmed, up to this length; anything not text is empty. */
const MAX_REASON_LENGTH = 1000;

/** Ways to spoil one field of a valid payload; each must make the whole click invalid. */
const WRONG_VALUES: readonly unknown[] = [undefined, null, '', 0, -1, 1.5, NaN, Infinity, '1', true, [], {}, ['a'], { a: 1 }, 'x'.repeat(201), Number.MAX_SAFE_INTEGER + 2];

type Spoil = (value: { action: Record<string, unknown> }, wrong: unknown) => boolean;

/** Each spoiler changes the payload and says whether that change must be refused. */
const SPOILERS: ReadonlyArray<[string, Spoil]> = [
  ['flowId', (v, w) => { (v.action.data as Record<string, unknown>).flowId = w; return !(typeof w === 'string' && w.length > 0 && w.length <= 200); }],
  ['revision', (v, w) => { (v.action.data as Record<string, unknown>).revision = w; return !(typeof w === 'number' && Number.isSafeInteger(w) && w >= 0); }],
  ['verb', (v, w) => { v.action.verb = w; return true; }],
  ['type', (v, w) => { v.action.type = w === undefined ? 'Action.Submit' : w; return true; }],
  ['data', (v, w) => { v.action.data = w; return true; }],
  ['action', (v, w) => { (v as Record<string, unknown>).action = w; return true; }],
];

describe('Card action payloads under hostile input (property-based)', function () {
  this.timeout(120_000);

  it('never throws on arbitrary values and JSON', async () => {
    const arbitraryValue = fc.oneof(
      fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
      fc.jsonValue(),
      fc.record({ action: fc.anything() }),
      fc.record({ action: fc.record({ type: fc.anything(), verb: fc.oneof(verb, fc.anything()), data: fc.anything() }) }),
      fc.record({ action: fc.record({ verb, data: fc.dictionary(fc.constantFrom('flowId', 'revision', 'userId', 'deviceId', '__proto__', 'constructor'), fc.anything()) }) }),
    );
    await checkProperty(
      'card payload: arbitrary values never throw',
      fc.property(arbitraryValue, (value) => {
        const parsed = parseCardInvoke(value);
        if (parsed) {
          assert.ok((CARD_VERBS as readonly string[]).includes(parsed.action.verb));
          assert.equal(typeof parsed.action.flowId, 'string');
          assert.ok(Number.isSafeInteger(parsed.action.revision) && parsed.action.revision >= 0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts our buttons\' exact shapes and keeps only the known fields', async () => {
    await checkProperty(
      'card payload: exact shapes pass, reduced to known fields',
      fc.property(validInvoke, (c) => {
        const parsed = parseCardInvoke(c.value);
        assert.ok(parsed, 'a valid click is accepted');
        const expected: Record<string, unknown> = { verb: c.verb, flowId: c.flowId, revision: c.revision };
        if (c.verb === 'chooseUser') expected.userId = c.userId;
        if (c.verb === 'chooseDevice') expected.deviceId = c.deviceId;
        if (c.verb === 'confirm') expected.reason = typeof c.reason === 'string' ? c.reason.trim().slice(0, MAX_REASON_LENGTH) : '';
        assert.deepEqual(parsed.action, expected, 'nothing but the known fields comes through');
        assert.equal(parsed.authentication?.token, c.token);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a valid shape with one field missing or of the wrong type', async () => {
    await checkProperty(
      'card payload: one spoiled field refuses the click',
      fc.property(validInvoke, fc.constantFrom(...SPOILERS), fc.constantFrom(...WRONG_VALUES), (c, [, spoil], wrong) => {
        const value = structuredClone(c.value) as { action: Record<string, unknown> };
        const mustRefuse = spoil(value, wrong);
        const parsed = parseCardInvoke(value);
        if (mustRefuse) assert.equal(parsed, undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a choice without the id it chooses', async () => {
    await checkProperty(
      'card payload: chooseUser/chooseDevice without a usable id',
      fc.property(validInvoke.filter((c) => c.verb === 'chooseUser' || c.verb === 'chooseDevice'), fc.constantFrom(...WRONG_VALUES), (c, wrong) => {
        const value = structuredClone(c.value) as unknown as { action: { data: Record<string, unknown> } };
        const key = c.verb === 'chooseUser' ? 'userId' : 'deviceId';
        value.action.data[key] = wrong;
        const usable = typeof wrong === 'string' && wrong.length > 0 && wrong.length <= 200;
        assert.equal(parseCardInvoke(value) === undefined, !usable);
      }),
      { numRuns: 1000 },
    );
  });
});
