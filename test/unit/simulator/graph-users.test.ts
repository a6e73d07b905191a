import assert from 'node:assert/strict';
import { DEMO_HELPDESK_ADMIN_GROUP_ID, DEMO_HELPDESK_GROUP_ID, DEMO_USERS, type RunningSimulator } from '../../../src/simulator';
import { appToken, call, delegatedToken, graphErrorOf, startTestSimulator } from './helpers';

interface UserList {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: Array<Record<string, unknown>>;
}

describe('simulator Graph: users and groups', () => {
  let sim: RunningSimulator;
  let hana: string;

  before(async () => {
    sim = await startTestSimulator();
    hana = await delegatedToken(sim, DEMO_USERS.hanaSuzuki);
  });
  after(() => sim.close());

  const users = async (query: string, headers?: Record<string, string>) => call(sim, 'GET', `/v1.0/users?${query}`, { token: hana, headers });
  const names = (answer: { body: unknown }) => (answer.body as UserList).value.map((u) => u.displayName);

  it('finds users whose display name starts with the words given', async () => {
    const answer = await users(`$filter=${encodeURIComponent("startswith(displayName,'alice')")}`);
    assert.equal(answer.status, 200);
    assert.deepEqual(names(answer).sort(), ['Alice Johnson', 'Alice Smith']);
  });

  it('finds Seán O\'Brien by a URL-encoded, quote-doubled literal', async () => {
    const answer = await users(`$filter=${encodeURIComponent("startswith(surname,'O''Brien')")}`);
    assert.deepEqual(names(answer), ["Seán O'Brien"]);
  });

  it('finds the Japanese user by family name', async () => {
    const answer = await users(`$filter=${encodeURIComponent("startswith(displayName,'山田')")}`);
    assert.deepEqual(names(answer), ['山田 太郎']);
  });

  it('an escaped injection attempt matches no one (200, empty), not an error', async () => {
    const answer = await users(`$filter=${encodeURIComponent("startswith(displayName,'alice'' or 1 eq 1')")}`);
    assert.equal(answer.status, 200);
    assert.deepEqual(names(answer), []);
  });

  it('an unescaped injection attempt is 400 BadRequest "Invalid filter clause"', async () => {
    const answer = await users(`$filter=${encodeURIComponent("startswith(displayName,'alice' or 1 eq 1')")}`);
    assert.equal(answer.status, 400);
    const error = graphErrorOf(answer);
    assert.equal(error.code, 'BadRequest');
    assert.match(error.message, /^Invalid filter clause/);
  });

  it('a "+" in the query is a space, as Graph decodes it', async () => {
    const answer = await users("$filter=startswith(displayName,'Alice+S')");
    assert.deepEqual(names(answer), ['Alice Smith']);
  });

  it('filtering on a property Entra does not filter is Request_UnsupportedQuery', async () => {
    const answer = await users(`$filter=${encodeURIComponent("startswith(mobilePhone,'+1')")}`);
    assert.equal(answer.status, 400);
    assert.equal(graphErrorOf(answer).code, 'Request_UnsupportedQuery');
  });

  it('$select returns only the named properties and says so in @odata.context', async () => {
    const answer = await users(`$filter=${encodeURIComponent("userPrincipalName eq 'alice@contoso.com'")}&$select=id,displayName,department`);
    const list = answer.body as UserList;
    assert.deepEqual(list.value, [{ id: DEMO_USERS.aliceSmith, displayName: 'Alice Smith', department: 'Sales' }]);
    assert.match(list['@odata.context'], /\$metadata#users\(id,displayName,department\)$/);
  });

  it('without $select, v1.0 leaves out non-default properties such as department', async () => {
    const answer = await call(sim, 'GET', `/v1.0/users/${DEMO_USERS.aliceSmith}`, { token: hana });
    const user = answer.body as Record<string, unknown>;
    assert.equal(user.displayName, 'Alice Smith');
    assert.equal('department' in user, false);
  });

  it('an unknown $select property is a 400', async () => {
    const answer = await users('$select=id,shoeSize');
    assert.equal(answer.status, 400);
    assert.match(graphErrorOf(answer).message, /shoeSize/);
  });

  it('$top pages the list with an @odata.nextLink that can be followed as-is', async () => {
    const first = (await users('$top=4&$select=id')).body as UserList;
    assert.equal(first.value.length, 4);
    assert.ok(first['@odata.nextLink']);
    const seen = [...first.value];
    let next: string | undefined = first['@odata.nextLink'];
    while (next) {
      const page = (await call(sim, 'GET', next.slice(sim.url.length), { token: hana })).body as UserList;
      seen.push(...page.value);
      next = page['@odata.nextLink'];
    }
    assert.equal(seen.length, sim.tenant.users.length);
  });

  it('$orderby=displayName sorts; with $filter it needs ConsistencyLevel: eventual and $count', async () => {
    const sorted = names(await users('$orderby=displayName'));
    assert.deepEqual(sorted, [...sorted].sort((a, b) => String(a).localeCompare(String(b), 'en', { sensitivity: 'base' })));

    const filter = `$filter=${encodeURIComponent("startswith(givenName,'alice')")}&$orderby=displayName`;
    const refused = await users(filter);
    assert.equal(refused.status, 400);
    assert.equal(graphErrorOf(refused).message, 'Sorting not supported for current query.');

    const advanced = await users(`${filter}&$count=true`, { ConsistencyLevel: 'eventual' });
    assert.equal(advanced.status, 200);
    assert.deepEqual(names(advanced), ['Alice Johnson', 'Alice Smith']);
    assert.equal((advanced.body as UserList)['@odata.count'], 2);
  });

  it('GET /users/{upn} and /users/{id} find the same user; an unknown one is Request_ResourceNotFound', async () => {
    const byUpn = await call(sim, 'GET', '/v1.0/users/SEAN.OBRIEN@contoso.com', { token: hana });
    const byId = await call(sim, 'GET', `/v1.0/users/${DEMO_USERS.seanOBrien}`, { token: hana });
    assert.equal((byUpn.body as { id: string }).id, DEMO_USERS.seanOBrien);
    assert.equal((byId.body as { userPrincipalName: string }).userPrincipalName, 'sean.obrien@contoso.com');

    const missing = await call(sim, 'GET', '/v1.0/users/bob@contoso.com', { token: hana });
    assert.equal(missing.status, 404);
    assert.equal(graphErrorOf(missing).code, 'Request_ResourceNotFound');
    assert.match(graphErrorOf(missing).message, /Resource 'bob@contoso.com' does not exist/);
  });

  it('GET /me answers the signed-in user; with an app-only token it is a 400', async () => {
    const me = await call(sim, 'GET', '/beta/me', { token: hana });
    assert.equal((me.body as { displayName: string }).displayName, 'Hana Suzuki');
    const app = await call(sim, 'GET', '/v1.0/me', { token: await appToken(sim) });
    assert.equal(app.status, 400);
  });

  it('checkMemberGroups answers which of the given groups the user is in', async () => {
    const groupIds = [DEMO_HELPDESK_GROUP_ID, DEMO_HELPDESK_ADMIN_GROUP_ID];
    const mine = await call(sim, 'POST', '/v1.0/me/checkMemberGroups', { token: hana, json: { groupIds } });
    assert.deepEqual((mine.body as { value: string[] }).value, groupIds);

    const kenji = await call(sim, 'POST', `/v1.0/users/${DEMO_USERS.kenjiSato}/checkMemberGroups`, { token: hana, json: { groupIds } });
    assert.deepEqual((kenji.body as { value: string[] }).value, [DEMO_HELPDESK_GROUP_ID]);

    const marco = await delegatedToken(sim, DEMO_USERS.marcoRossi);
    const notHelpdesk = await call(sim, 'POST', '/v1.0/me/checkMemberGroups', { token: marco, json: { groupIds } });
    assert.deepEqual((notHelpdesk.body as { value: string[] }).value, []);
  });

  it('checkMemberGroups without groupIds is a 400', async () => {
    const answer = await call(sim, 'POST', '/v1.0/me/checkMemberGroups', { token: hana, json: {} });
    assert.equal(answer.status, 400);
  });

  it('a change to the tenant state shows at once', async () => {
    const priya = sim.tenant.users.find((u) => u.id === DEMO_USERS.priyaPatel);
    assert.ok(priya);
    priya.memberOf.push(DEMO_HELPDESK_GROUP_ID);
    const answer = await call(sim, 'POST', `/v1.0/users/${DEMO_USERS.priyaPatel}/checkMemberGroups`, { token: hana, json: { groupIds: [DEMO_HELPDESK_GROUP_ID] } });
    assert.deepEqual((answer.body as { value: string[] }).value, [DEMO_HELPDESK_GROUP_ID]);
  });
});
