import assert from 'node:assert/strict';
import { buildQueryString, encodeQueryValue, equals, odataString, startsWith, toWellFormed } from '../../../../src/adapters/graph/odata';
import { splitLiterals } from './support/odata-literals';

const TRICKY = [
  "O'Brien",
  "alice' or 1 eq 1",
  "'",
  "''",
  "x') or startswith(displayName,'",
  'a&b',
  'a#b',
  'a+b',
  '100%',
  '%41',
  '%2527',
  'a=b',
  'a;b',
  'a?b',
  'a/b\\c',
  '山田 太郎',
  'Zoë Ångström',
  '👩‍💻 dev',
  'tab\there',
  '  spaces  ',
  '(*)!',
];

describe('OData escaping', () => {
  describe('odataString', () => {
    it('wraps a plain value in single quotes', () => {
      assert.equal(odataString('alice'), "'alice'");
    });

    it("doubles every apostrophe, so O'Brien stays one literal", () => {
      assert.equal(odataString("O'Brien"), "'O''Brien'");
      assert.equal(odataString("''"), "''''''");
    });

    it('keeps an injection attempt as one literal with the exact text', () => {
      for (const value of TRICKY) {
        const { literals, outside } = splitLiterals(`displayName eq ${odataString(value)}`);
        assert.deepEqual(literals, [value], value);
        assert.equal(outside, 'displayName eq ?', value);
      }
    });

    it('builds startswith and eq clauses whose only literal is the value', () => {
      const clause = `${startsWith('displayName', "alice' or 1 eq 1")} or ${equals('mail', "x'y")}`;
      const { literals, outside } = splitLiterals(clause);
      assert.deepEqual(literals, ["alice' or 1 eq 1", "x'y"]);
      assert.equal(outside, 'startswith(displayName,?) or mail eq ?');
    });
  });

  describe('encodeQueryValue', () => {
    it('leaves nothing but unreserved characters and percent escapes', () => {
      for (const value of TRICKY) {
        assert.match(encodeQueryValue(odataString(value)), /^[A-Za-z0-9\-_.~%]*$/, value);
      }
    });

    it('round-trips through the way servers decode query strings (a + stays a +)', () => {
      for (const value of TRICKY) {
        const decoded = new URLSearchParams(`$filter=${encodeQueryValue(value)}`).get('$filter');
        assert.equal(decoded, value, value);
      }
    });

    it('encodes the characters that would end, split or alter a query', () => {
      assert.equal(encodeQueryValue('a&b#c+d%e f'), 'a%26b%23c%2Bd%25e%20f');
      assert.equal(encodeQueryValue("'()*!"), '%27%28%29%2A%21');
    });

    it('encodes unicode as UTF-8', () => {
      assert.equal(encodeQueryValue('山田'), '%E5%B1%B1%E7%94%B0');
    });

    it('does not throw on a lone surrogate, it becomes U+FFFD', () => {
      assert.equal(toWellFormed('a\uD800b'), 'a\uFFFDb');
      assert.equal(encodeQueryValue('\uDC00'), '%EF%BF%BD');
      assert.equal(toWellFormed('👍'), '👍');
    });
  });

  describe('buildQueryString', () => {
    it('joins encoded values and leaves out undefined ones', () => {
      assert.equal(
        buildQueryString({ $filter: "a eq 'b&c'", $select: 'id,displayName', $top: 5, $skip: undefined }),
        '?$filter=a%20eq%20%27b%26c%27&$select=id%2CdisplayName&$top=5',
      );
    });

    it('is empty when there is nothing to add', () => {
      assert.equal(buildQueryString(undefined), '');
      assert.equal(buildQueryString({ $top: undefined }), '');
    });
  });
});
