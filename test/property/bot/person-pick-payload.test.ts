import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { PICK_VERBS, parsePersonPick, type PickVerb } from '../../../src/bot/person-pick/person-pick-payload';
import { checkProperty } from '../support/report';
import { hostileText } from '../support/hostile-strings';

/**
 * A click on a pick card (history, show passcode) is input like any other: the parser never
 * throws, and only the exact shape of our Choose buttons passes, reduced to the offer id and the
 * person id (plus Teams' token when it repeats a click after a sign-in).
 */

const verb = fc.constantFrom(...(Object.keys(PICK_VERBS) as PickVerb[]));
const id = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 200 }), hostileText(8).filter((s) => s.length > 0 && s.length <= 200));
const WRONG_VALUES: readonly unknown[] = [undefined, null, '', 0, 7, true, [], {}, ['x'], { $ne: null }, 'x'.repeat(201)];

const validClick = fc
  .record({
    verb,
    offerId: id,
    userId: id,
    withType: fc.boolean(),
    token: fc.option(fc.string({ minLength: 1, maxLength: 50 }), { nil: undefined }),
    extra: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  })
  .map(({ verb: v, offerId, userId, withType, token, extra }) => {
    const action: Record<string, unknown> = { verb: v, data: { ...extra, offerId, userId } };
    if (withType) action.type = 'Action.Execute';
    return { value: { action, trigger: 'manual', ...(token ? { authentication: { id: 'x', token } } : {}) }, verb: v, offerId, userId, token };
  });

describe('Pick card payloads (property-based)', function () {
  this.timeout(120_000);

  it('never throws on arbitrary values, and passes only our verbs with usable ids', async () => {
    const arbitraryValue = fc.oneof(
      fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }),
      fc.jsonValue(),
      fc.record({ action: fc.record({ type: fc.anything(), verb: fc.oneof(verb, fc.anything()), data: fc.anything() }) }),
      fc.record({ action: fc.record({ verb, data: fc.dictionary(fc.constantFrom('offerId', 'userId', '__proto__', 'constructor'), fc.anything()) }) }),
    );
    await checkProperty(
      'pick payload: arbitrary values never throw',
      fc.property(arbitraryValue, (value) => {
        const parsed = parsePersonPick(value);
        if (!parsed) return;
        assert.ok(Object.keys(PICK_VERBS).includes(parsed.verb));
        assert.equal(parsed.feature, PICK_VERBS[parsed.verb]);
        for (const field of [parsed.offerId, parsed.userId]) assert.ok(typeof field === 'string' && field.length > 0 && field.length <= 200);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts our buttons\' exact shape and keeps only the offer and the person', async () => {
    await checkProperty(
      'pick payload: exact shapes pass, reduced to known fields',
      fc.property(validClick, (c) => {
        const parsed = parsePersonPick(c.value);
        assert.ok(parsed, 'a valid click is accepted');
        const { authentication, ...rest } = parsed;
        assert.deepEqual(rest, { verb: c.verb, feature: PICK_VERBS[c.verb], offerId: c.offerId, userId: c.userId });
        assert.equal(authentication?.token, c.token);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a click whose offer or person is missing or not a usable id', async () => {
    await checkProperty(
      'pick payload: one spoiled id refuses the click',
      fc.property(validClick, fc.constantFrom('offerId', 'userId'), fc.constantFrom(...WRONG_VALUES), (c, field, wrong) => {
        const value = structuredClone(c.value) as unknown as { action: { data: Record<string, unknown> } };
        if (wrong === undefined) delete value.action.data[field];
        else value.action.data[field] = wrong;
        assert.equal(parsePersonPick(value), undefined);
      }),
      { numRuns: 1000 },
    );
  });
});
