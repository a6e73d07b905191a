import assert from 'node:assert/strict';
import { createGraphClient } from '../../../../src/adapters/graph/graph-client';
import { GraphDirectory, nameFilter, queryWords } from '../../../../src/adapters/graph/graph-directory';
import { GraphHttp } from '../../../../src/adapters/graph/graph-http';
import type { DelegatedPrincipal } from '../../../../src/ports/identity';
import { FakeGraphServer, type SeenRequest } from './support/fake-graph-server';
import { FakeTokenProvider } from './support/fake-token-provider';
import { splitLiterals } from './support/odata-literals';

const AGENT: DelegatedPrincipal = { kind: 'delegated', oid: 'agent-1' };

const user = (id: string, displayName: string, extra: Record<string, unknown> = {}) => ({
  id,
  displayName,
  userPrincipalName: `${id}@contoso.com`,
  ...extra,
});

/** The operator words outside string literals: what a value could have injected. */
function operatorWords(filter: string): string[] {
  return splitLiterals(filter).outside.split(/[^A-Za-z]+/).filter(Boolean);
}

describe('GraphDirectory', () => {
  let server: FakeGraphServer;
  let directory: GraphDirectory;

  const filters = (): string[] => server.requests.map((r: SeenRequest) => r.query.get('$filter') ?? '');

  beforeEach(async () => {
    server = await FakeGraphServer.start();
    server.handler = () => ({ status: 200, json: { value: [] } });
    const http = new GraphHttp({ client: createGraphClient(server.url), tokens: new FakeTokenProvider({ 'agent-1': 't' }), graphEndpoint: server.url });
    directory = new GraphDirectory({ http });
  });
  afterEach(() => server.close());

  describe('findUsers', () => {
    it('when the query is an address with an exact match, then that match wins and no name search follows', async () => {
      server.handler = () => ({ status: 200, json: { value: [user('alice', 'Alice Smith', { mail: 'alice@contoso.com', department: 'Sales' })] } });
      const users = await directory.findUsers('alice@contoso.com', AGENT);

      assert.deepEqual(users, [{ id: 'alice', displayName: 'Alice Smith', userPrincipalName: 'alice@contoso.com', mail: 'alice@contoso.com', department: 'Sales' }]);
      assert.deepEqual(filters(), ["userPrincipalName eq 'alice@contoso.com' or mail eq 'alice@contoso.com'"]);
      assert.equal(server.requests[0]?.path, '/v1.0/users');
      assert.equal(server.requests[0]?.query.get('$select'), 'id,displayName,userPrincipalName,mail,department,givenName,surname');
    });

    it('when an address matches no one exactly, then names are searched', async () => {
      await directory.findUsers('nobody@contoso.com', AGENT);
      assert.equal(server.requests.length, 2);
      assert.match(filters()[1] ?? '', /^startswith\(displayName,'nobody@contoso.com'\)/);
    });

    it('one word: displayName, givenName or surname starts with it', async () => {
      await directory.findUsers('alice', AGENT);
      assert.deepEqual(filters(), ["startswith(displayName,'alice') or startswith(givenName,'alice') or startswith(surname,'alice')"]);
    });

    it('two words: the whole name, given+surname, or surname+given (family name first)', async () => {
      await directory.findUsers('  alice   smith ', AGENT);
      assert.deepEqual(filters(), [
        "startswith(displayName,'alice smith') or (startswith(givenName,'alice') and startswith(surname,'smith')) or (startswith(surname,'alice') and startswith(givenName,'smith'))",
      ]);
    });

    it('a Japanese name arrives intact', async () => {
      await directory.findUsers('山田 太郎', AGENT);
      assert.deepEqual(splitLiterals(filters()[0] ?? '').literals, ['山田 太郎', '山田', '太郎', '山田', '太郎']);
      assert.ok(server.requests[0]?.rawUrl.includes('%E5%B1%B1%E7%94%B0'));
    });

    it("O'Brien is searched as O'Brien", async () => {
      await directory.findUsers("O'Brien", AGENT);
      assert.deepEqual(splitLiterals(filters()[0] ?? '').literals, ["O'Brien", "O'Brien", "O'Brien"]);
    });

    it("`alice' or 1 eq 1` is a name that matches no one, not an error and not an injection", async () => {
      const users = await directory.findUsers("alice' or 1 eq 1", AGENT);
      assert.deepEqual(users, []);
      const filter = filters()[0] ?? '';
      assert.ok(splitLiterals(filter).literals.includes("alice' or 1 eq 1"));
      assert.ok(operatorWords(filter).every((w) => ['startswith', 'displayName', 'givenName', 'surname', 'or', 'and'].includes(w)), filter);
    });

    it('characters that mean something in a URL reach the server as part of the name', async () => {
      for (const name of ['a&b', 'a#b', 'a+b', '100%', '%41', 'a=b;c?d']) {
        server.requests.length = 0;
        await directory.findUsers(name, AGENT);
        assert.deepEqual(splitLiterals(filters()[0] ?? '').literals, [name, name, name], name);
        assert.equal(server.requests[0]?.query.get('$select'), 'id,displayName,userPrincipalName,mail,department,givenName,surname', name);
      }
    });

    it('an address with # and an apostrophe stays one exact value', async () => {
      await directory.findUsers("o'brien_fabrikam.com#EXT#@contoso.onmicrosoft.com", AGENT);
      assert.deepEqual(splitLiterals(filters()[0] ?? '').literals, [
        "o'brien_fabrikam.com#EXT#@contoso.onmicrosoft.com",
        "o'brien_fabrikam.com#EXT#@contoso.onmicrosoft.com",
      ]);
    });

    it('sorts by displayName, drops duplicates and returns at most the limit', async () => {
      server.handler = () => ({
        status: 200,
        json: { value: [user('c', 'Carol'), user('a', 'alice'), user('b', 'Bob'), user('a', 'alice'), user('d', 'Dave'), { id: 'broken' }] },
      });
      const users = await directory.findUsers('x', AGENT, 3);
      assert.deepEqual(users.map((u) => u.id), ['a', 'b', 'c']);
    });

    it('asks Graph for enough candidates to sort (at least 50, or the limit)', async () => {
      await directory.findUsers('x', AGENT);
      assert.equal(server.requests[0]?.query.get('$top'), '50');
    });

    it('returns the default of 10 at most', async () => {
      server.handler = () => ({ status: 200, json: { value: Array.from({ length: 30 }, (_, i) => user(`u${i}`, `User ${String(i).padStart(2, '0')}`)) } });
      assert.equal((await directory.findUsers('user', AGENT)).length, 10);
    });

    it('asks nothing for an empty or absurdly long query', async () => {
      assert.deepEqual(await directory.findUsers('   ', AGENT), []);
      assert.deepEqual(await directory.findUsers('x'.repeat(300), AGENT), []);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('query words', () => {
    it('drops control characters and collapses spaces', () => {
      assert.deepEqual(queryWords(' alice\u0000\tsmith\n'), ['alice', 'smith']);
    });

    it('three words: the given name is the leading words, the surname the last', () => {
      assert.equal(
        nameFilter(['mary', 'ann', 'lee']),
        "startswith(displayName,'mary ann lee') or (startswith(givenName,'mary ann') and startswith(surname,'lee')) or (startswith(surname,'mary') and startswith(givenName,'ann lee'))",
      );
    });
  });

  describe('isMemberOf', () => {
    it('asks checkMemberGroups for the group and answers true when it comes back', async () => {
      server.handler = () => ({ status: 200, json: { value: ['AAAA-1111'] } });
      assert.equal(await directory.isMemberOf('aaaa-1111', AGENT), true);
      const [request] = server.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/v1.0/me/checkMemberGroups');
      assert.deepEqual(JSON.parse(request?.body ?? ''), { groupIds: ['aaaa-1111'] });
    });

    it('answers false when the group does not come back', async () => {
      server.handler = () => ({ status: 200, json: { value: [] } });
      assert.equal(await directory.isMemberOf('g1', AGENT), false);
    });

    it('fails with graph.forbidden when Graph refuses', async () => {
      server.handler = () => ({ status: 403, json: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } } });
      await assert.rejects(directory.isMemberOf('g1', AGENT), { code: 'graph.forbidden' });
    });
  });
});
