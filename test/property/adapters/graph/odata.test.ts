import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { buildQueryString, encodePathSegment, equals, startsWith, toWellFormed } from '../../../../src/adapters/graph/odata';
import { exactUserFilter, nameFilter, queryWords } from '../../../../src/adapters/graph/graph-directory';
import { parseFilter, type FilterNode } from '../../../../src/simulator/odata-filter';
import { checkProperty } from '../../support/report';
import { hostileText } from '../../support/hostile-strings';

/**
 * Whatever an agent types ends up inside a `$filter` literal of a Graph URL. For any string, the
 * URL a server receives must decode to exactly that string (lone surrogates become U+FFFD, the only
 * change), and a real OData parser — the simulator's — must read the filter back as the comparisons
 * we built with that string as their literal: no operator, clause or query parameter can leak in.
 */

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const anyString = fc.oneof(
  hostileText(),
  fc.string({ unit: codeUnit, maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

/** Characters a strictly encoded query value or path segment may contain. */
const STRICTLY_ENCODED = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/;

/** The query of a Graph URL as a server reads it (WHATWG URL parsing, as Node and the simulator do). */
function serverView(query: string): URLSearchParams {
  return new URL(`https://graph.example/v1.0/users${query}`).searchParams;
}

function isWellFormed(value: string): boolean {
  return toWellFormed(value) === value;
}

const leaf = (kind: 'eq' | 'startswith', property: string, value: string): FilterNode => ({ kind, property, value });
const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'or', left, right });
const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'and', left, right });

describe('OData filter building under hostile input (property-based)', function () {
  this.timeout(120_000);

  it('a value in an eq or startswith clause arrives as one literal, exactly as given', async () => {
    await checkProperty(
      'odata: eq/startswith literal round trip through the URL and the OData parser',
      fc.property(anyString, fc.constantFrom('eq', 'startswith'), (value, kind) => {
        const filter = kind === 'eq' ? equals('userPrincipalName', value) : startsWith('displayName', value);
        const query = buildQueryString({ $filter: filter, $select: 'id,displayName', $top: 5 });
        const params = serverView(query);
        assert.deepEqual([...params.keys()], ['$filter', '$select', '$top'], 'no query parameter was added or lost');
        assert.equal(params.get('$select'), 'id,displayName');
        assert.equal(params.get('$top'), '5');
        for (const part of query.slice(1).split('&')) assert.match(part.slice(part.indexOf('=') + 1), STRICTLY_ENCODED);

        const received = params.get('$filter') ?? '';
        assert.equal(received, filter, 'the server decodes exactly the filter we built');
        const expected = kind === 'eq' ? leaf('eq', 'userPrincipalName', toWellFormed(value)) : leaf('startswith', 'displayName', toWellFormed(value));
        assert.deepEqual(parseFilter(received), expected, 'one comparison whose literal is the value');
        if (isWellFormed(value)) assert.equal((parseFilter(received) as { value: string }).value, value);
      }),
      { numRuns: 3000 },
    );
  });

  it('the directory\'s filters for a typed name keep every word inside its literal', async () => {
    await checkProperty(
      'odata: name and UPN filters of the directory read back with the typed words only',
      fc.property(anyString, (typed) => {
        const words = queryWords(typed);
        if (words.length === 0) return;
        const phrase = toWellFormed(words.join(' '));
        const wf = (parts: string[]) => toWellFormed(parts.join(' '));
        const expectedName =
          words.length === 1
            ? or(or(leaf('startswith', 'displayName', phrase), leaf('startswith', 'givenName', phrase)), leaf('startswith', 'surname', phrase))
            : or(
                or(
                  leaf('startswith', 'displayName', phrase),
                  and(leaf('startswith', 'givenName', wf(words.slice(0, -1))), leaf('startswith', 'surname', wf(words.slice(-1)))),
                ),
                and(leaf('startswith', 'surname', wf(words.slice(0, 1))), leaf('startswith', 'givenName', wf(words.slice(1)))),
              );
        const byName = serverView(buildQueryString({ $filter: nameFilter(words) })).get('$filter') ?? '';
        assert.deepEqual(parseFilter(byName), expectedName);

        const exact = serverView(buildQueryString({ $filter: exactUserFilter(phrase) })).get('$filter') ?? '';
        assert.deepEqual(parseFilter(exact), or(leaf('eq', 'userPrincipalName', phrase), leaf('eq', 'mail', phrase)));
      }),
      { numRuns: 3000 },
    );
  });

  it('an id or UPN in a path stays one segment', async () => {
    // "." and ".." are refused (a URL parser would resolve them as dot segments): see below.
    const segmentValue = anyString.filter((value) => value !== '.' && value !== '..');
    for (const dots of ['.', '..']) assert.throws(() => encodePathSegment(dots), /dot segment/);
    await checkProperty(
      'odata: path segment round trip',
      fc.property(segmentValue, (value) => {
        const segment = encodePathSegment(value);
        assert.match(segment, STRICTLY_ENCODED);
        const url = new URL(`https://graph.example/v1.0/users/${segment}/managedDevices?$select=id`);
        const segments = url.pathname.split('/');
        assert.equal(segments.length, 5, `"${url.pathname}" has a segment more or less`);
        assert.equal(decodeURIComponent(segments[3]!), toWellFormed(value));
        assert.equal(url.search, '?$select=id');
      }),
      { numRuns: 3000 },
    );
  });
});
