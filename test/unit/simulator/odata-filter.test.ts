import assert from 'node:assert/strict';
import { FilterSyntaxError, filterProperties, matchesFilter, parseFilter } from '../../../src/simulator/odata-filter';

const alice = { displayName: 'Alice Smith', givenName: 'Alice', userPrincipalName: 'alice@contoso.com', mail: 'alice@contoso.com' };
const sean = { displayName: "Seán O'Brien", givenName: 'Seán', surname: "O'Brien", userPrincipalName: 'sean.obrien@contoso.com' };
const taro = { displayName: '山田 太郎', givenName: '太郎', surname: '山田' };

const matches = (filter: string, record: Record<string, unknown>): boolean => matchesFilter(parseFilter(filter), record);

describe('simulator OData $filter', () => {
  it('startswith matches a prefix, case-insensitively like Entra ID', () => {
    assert.equal(matches("startswith(displayName,'ali')", alice), true);
    assert.equal(matches("startsWith(DisplayName, 'ALICE S')", alice), true);
    assert.equal(matches("startswith(displayName,'bob')", alice), false);
  });

  it('eq compares whole values, case-insensitively', () => {
    assert.equal(matches("userPrincipalName eq 'ALICE@contoso.com'", alice), true);
    assert.equal(matches("userPrincipalName eq 'alice'", alice), false);
  });

  it("a doubled quote inside a literal stands for one apostrophe (O''Brien)", () => {
    assert.equal(matches("startswith(surname,'O''Brien')", sean), true);
    assert.equal(matches("displayName eq 'Seán O''Brien'", sean), true);
    assert.equal(matches("startswith(surname,'OBrien')", sean), false);
  });

  it("an escaped injection attempt is just a name that matches no one", () => {
    const escaped = "startswith(displayName,'alice'' or 1 eq 1')";
    assert.equal(matches(escaped, alice), false);
    assert.equal(matches(escaped, sean), false);
  });

  it('an unescaped injection attempt is a syntax error, never a wider match', () => {
    assert.throws(() => parseFilter("startswith(displayName,'alice' or 1 eq 1')"), FilterSyntaxError);
    assert.throws(() => parseFilter("displayName eq 'alice' or 1 eq 1"), FilterSyntaxError);
  });

  it('or, and and parentheses combine clauses, and binds tighter than or', () => {
    assert.equal(matches("startswith(givenName,'x') or startswith(surname,'山田')", taro), true);
    assert.equal(matches("startswith(givenName,'Alice') and startswith(displayName,'Alice S')", alice), true);
    assert.equal(matches("startswith(givenName,'Alice') and (startswith(mail,'x') or startswith(mail,'alice'))", alice), true);
    // a or (b and c): true because of a
    assert.equal(matches("givenName eq 'Alice' or givenName eq 'x' and surname eq 'y'", alice), true);
    // (a or b) and c: false because of c
    assert.equal(matches("(givenName eq 'Alice' or givenName eq 'x') and surname eq 'y'", alice), false);
  });

  it('Japanese literals work as any other text', () => {
    assert.equal(matches("startswith(displayName,'山田')", taro), true);
  });

  it('a missing or non-text property never matches', () => {
    assert.equal(matches("startswith(department,'S')", alice), false);
  });

  it('rejects what the grammar does not know', () => {
    for (const bad of [
      "endswith(mail,'contoso.com')",
      "displayName ne 'x'",
      "startswith(displayName,'unterminated)",
      "startswith(displayName 'x')",
      "(displayName eq 'x'",
      "displayName eq 'x')",
      "displayName eq 'x' or",
      '',
      "not startswith(displayName,'a')",
      "displayName eq 'a' ; drop",
    ]) {
      assert.throws(() => parseFilter(bad), FilterSyntaxError, bad);
    }
  });

  it('the error says where the problem is, like Graph', () => {
    try {
      parseFilter("displayName eq 'a' xor 1");
      assert.fail('expected a syntax error');
    } catch (error) {
      assert.ok(error instanceof FilterSyntaxError);
      assert.match(error.message, /^Invalid filter clause: Syntax error at position 19 in /);
    }
  });

  it('lists the properties a filter compares', () => {
    assert.deepEqual(filterProperties(parseFilter("startswith(displayName,'a') or mail eq 'b'")), [
      { property: 'displayName', operator: 'startswith' },
      { property: 'mail', operator: 'eq' },
    ]);
  });
});
